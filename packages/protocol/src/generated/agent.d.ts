import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace drover {

    namespace v1 {

        interface IAgentRequest extends drover.v1.AgentRequest.$Properties {
        }

        class AgentRequest {
            constructor(properties?: drover.v1.AgentRequest.$Properties);
            $unknowns?: Uint8Array[];
            id: number;
            getStatus?: (drover.v1.GetStatus.$Properties|null);
            watchStatus?: (drover.v1.WatchStatus.$Properties|null);
            cancel?: (drover.v1.Cancel.$Properties|null);
            applyPlan?: (drover.v1.ApplyPlan.$Properties|null);
            containerLogs?: (drover.v1.ContainerLogs.$Properties|null);
            body?: ("getStatus"|"watchStatus"|"cancel"|"applyPlan"|"containerLogs");
            static encode(message: drover.v1.AgentRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.AgentRequest & drover.v1.AgentRequest.$Shape;
        }

        namespace AgentRequest {
            interface $Properties {
                id?: (number|null);
                getStatus?: (drover.v1.GetStatus.$Properties|null);
                watchStatus?: (drover.v1.WatchStatus.$Properties|null);
                cancel?: (drover.v1.Cancel.$Properties|null);
                applyPlan?: (drover.v1.ApplyPlan.$Properties|null);
                containerLogs?: (drover.v1.ContainerLogs.$Properties|null);
                body?: ("getStatus"|"watchStatus"|"cancel"|"applyPlan"|"containerLogs");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: number|null;
              getStatus?: drover.v1.GetStatus.$Shape|null;
              watchStatus?: drover.v1.WatchStatus.$Shape|null;
              cancel?: drover.v1.Cancel.$Shape|null;
              applyPlan?: drover.v1.ApplyPlan.$Shape|null;
              containerLogs?: drover.v1.ContainerLogs.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; getStatus?: null; watchStatus?: null; cancel?: null; applyPlan?: null; containerLogs?: null }|{ body?: "getStatus"; getStatus: drover.v1.GetStatus.$Shape; watchStatus?: null; cancel?: null; applyPlan?: null; containerLogs?: null }|{ body?: "watchStatus"; getStatus?: null; watchStatus: drover.v1.WatchStatus.$Shape; cancel?: null; applyPlan?: null; containerLogs?: null }|{ body?: "cancel"; getStatus?: null; watchStatus?: null; cancel: drover.v1.Cancel.$Shape; applyPlan?: null; containerLogs?: null }|{ body?: "applyPlan"; getStatus?: null; watchStatus?: null; cancel?: null; applyPlan: drover.v1.ApplyPlan.$Shape; containerLogs?: null }|{ body?: "containerLogs"; getStatus?: null; watchStatus?: null; cancel?: null; applyPlan?: null; containerLogs: drover.v1.ContainerLogs.$Shape })
            );
        }

        interface IAgentMessage extends drover.v1.AgentMessage.$Properties {
        }

        class AgentMessage {
            constructor(properties?: drover.v1.AgentMessage.$Properties);
            $unknowns?: Uint8Array[];
            id: number;
            status?: (drover.v1.AgentStatus.$Properties|null);
            progress?: (drover.v1.Progress.$Properties|null);
            failure?: (drover.v1.Failure.$Properties|null);
            planApplied?: (drover.v1.PlanApplied.$Properties|null);
            containerLogs?: (drover.v1.ContainerLogsReply.$Properties|null);
            body?: ("status"|"progress"|"failure"|"planApplied"|"containerLogs");
            static encode(message: drover.v1.AgentMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.AgentMessage & drover.v1.AgentMessage.$Shape;
        }

        namespace AgentMessage {
            interface $Properties {
                id?: (number|null);
                status?: (drover.v1.AgentStatus.$Properties|null);
                progress?: (drover.v1.Progress.$Properties|null);
                failure?: (drover.v1.Failure.$Properties|null);
                planApplied?: (drover.v1.PlanApplied.$Properties|null);
                containerLogs?: (drover.v1.ContainerLogsReply.$Properties|null);
                body?: ("status"|"progress"|"failure"|"planApplied"|"containerLogs");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: number|null;
              status?: drover.v1.AgentStatus.$Shape|null;
              progress?: drover.v1.Progress.$Shape|null;
              failure?: drover.v1.Failure.$Shape|null;
              planApplied?: drover.v1.PlanApplied.$Shape|null;
              containerLogs?: drover.v1.ContainerLogsReply.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; status?: null; progress?: null; failure?: null; planApplied?: null; containerLogs?: null }|{ body?: "status"; status: drover.v1.AgentStatus.$Shape; progress?: null; failure?: null; planApplied?: null; containerLogs?: null }|{ body?: "progress"; status?: null; progress: drover.v1.Progress.$Shape; failure?: null; planApplied?: null; containerLogs?: null }|{ body?: "failure"; status?: null; progress?: null; failure: drover.v1.Failure.$Shape; planApplied?: null; containerLogs?: null }|{ body?: "planApplied"; status?: null; progress?: null; failure?: null; planApplied: drover.v1.PlanApplied.$Shape; containerLogs?: null }|{ body?: "containerLogs"; status?: null; progress?: null; failure?: null; planApplied?: null; containerLogs: drover.v1.ContainerLogsReply.$Shape })
            );
        }

        interface IGetStatus extends drover.v1.GetStatus.$Properties {
        }

        class GetStatus {
            constructor(properties?: drover.v1.GetStatus.$Properties);
            $unknowns?: Uint8Array[];
            static encode(message: drover.v1.GetStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.GetStatus & drover.v1.GetStatus.$Shape;
        }

        namespace GetStatus {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.GetStatus.$Properties;
        }

        interface IWatchStatus extends drover.v1.WatchStatus.$Properties {
        }

        class WatchStatus {
            constructor(properties?: drover.v1.WatchStatus.$Properties);
            $unknowns?: Uint8Array[];
            static encode(message: drover.v1.WatchStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.WatchStatus & drover.v1.WatchStatus.$Shape;
        }

        namespace WatchStatus {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.WatchStatus.$Properties;
        }

        interface ICancel extends drover.v1.Cancel.$Properties {
        }

        class Cancel {
            constructor(properties?: drover.v1.Cancel.$Properties);
            $unknowns?: Uint8Array[];
            static encode(message: drover.v1.Cancel.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Cancel & drover.v1.Cancel.$Shape;
        }

        namespace Cancel {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Cancel.$Properties;
        }

        interface IAgentStatus extends drover.v1.AgentStatus.$Properties {
        }

        class AgentStatus {
            constructor(properties?: drover.v1.AgentStatus.$Properties);
            $unknowns?: Uint8Array[];
            agentVersion: string;
            docker?: (drover.v1.DockerInfo.$Properties|null);
            containers: drover.v1.ManagedContainer.$Properties[];
            appliedPlanHash: string;
            static encode(message: drover.v1.AgentStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.AgentStatus & drover.v1.AgentStatus.$Shape;
        }

        namespace AgentStatus {
            interface $Properties {
                agentVersion?: (string|null);
                docker?: (drover.v1.DockerInfo.$Properties|null);
                containers?: (drover.v1.ManagedContainer.$Properties[]|null);
                appliedPlanHash?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.AgentStatus.$Properties;
        }

        interface IDockerInfo extends drover.v1.DockerInfo.$Properties {
        }

        class DockerInfo {
            constructor(properties?: drover.v1.DockerInfo.$Properties);
            $unknowns?: Uint8Array[];
            engineId: string;
            version: string;
            storageDriver: string;
            cgroupDriver: string;
            os: string;
            kernel: string;
            cpus: number;
            memoryBytes: number;
            static encode(message: drover.v1.DockerInfo.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.DockerInfo & drover.v1.DockerInfo.$Shape;
        }

        namespace DockerInfo {
            interface $Properties {
                engineId?: (string|null);
                version?: (string|null);
                storageDriver?: (string|null);
                cgroupDriver?: (string|null);
                os?: (string|null);
                kernel?: (string|null);
                cpus?: (number|null);
                memoryBytes?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.DockerInfo.$Properties;
        }

        interface IManagedContainer extends drover.v1.ManagedContainer.$Properties {
        }

        class ManagedContainer {
            constructor(properties?: drover.v1.ManagedContainer.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            image: string;
            state: string;
            id: string;
            created: number;
            specHash: string;
            health: string;
            healthMessage: string;
            static encode(message: drover.v1.ManagedContainer.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.ManagedContainer & drover.v1.ManagedContainer.$Shape;
        }

        namespace ManagedContainer {
            interface $Properties {
                name?: (string|null);
                image?: (string|null);
                state?: (string|null);
                id?: (string|null);
                created?: (number|null);
                specHash?: (string|null);
                health?: (string|null);
                healthMessage?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.ManagedContainer.$Properties;
        }

        interface IProgress extends drover.v1.Progress.$Properties {
        }

        class Progress {
            constructor(properties?: drover.v1.Progress.$Properties);
            $unknowns?: Uint8Array[];
            message: string;
            done: number;
            total: number;
            static encode(message: drover.v1.Progress.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Progress & drover.v1.Progress.$Shape;
        }

        namespace Progress {
            interface $Properties {
                message?: (string|null);
                done?: (number|null);
                total?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Progress.$Properties;
        }

        enum FailureCode {
            FAILURE_UNSPECIFIED = 0,
            FAILURE_UNSUPPORTED = 1,
            FAILURE_CANCELLED = 2,
            FAILURE_INVALID = 3,
            FAILURE_DOCKER = 4,
            FAILURE_BUSY = 5,
            FAILURE_INTERNAL = 6,
            FAILURE_APPLY = 7,
            FAILURE_NOT_FOUND = 8
        }

        interface IFailure extends drover.v1.Failure.$Properties {
        }

        class Failure {
            constructor(properties?: drover.v1.Failure.$Properties);
            $unknowns?: Uint8Array[];
            code: drover.v1.FailureCode;
            message: string;
            detail?: (drover.v1.FailureDetail.$Properties|null);
            static encode(message: drover.v1.Failure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Failure & drover.v1.Failure.$Shape;
        }

        namespace Failure {
            interface $Properties {
                code?: (drover.v1.FailureCode|null);
                message?: (string|null);
                detail?: (drover.v1.FailureDetail.$Properties|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Failure.$Properties;
        }

        interface IFailureDetail extends drover.v1.FailureDetail.$Properties {
        }

        class FailureDetail {
            constructor(properties?: drover.v1.FailureDetail.$Properties);
            $unknowns?: Uint8Array[];
            container: string;
            logTail: string[];
            static encode(message: drover.v1.FailureDetail.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.FailureDetail & drover.v1.FailureDetail.$Shape;
        }

        namespace FailureDetail {
            interface $Properties {
                container?: (string|null);
                logTail?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.FailureDetail.$Properties;
        }

        interface IApplyPlan extends drover.v1.ApplyPlan.$Properties {
        }

        class ApplyPlan {
            constructor(properties?: drover.v1.ApplyPlan.$Properties);
            $unknowns?: Uint8Array[];
            planHash: string;
            containers: drover.v1.PlanContainerSpec.$Properties[];
            files: drover.v1.PlanFileContent.$Properties[];
            registryAuths: drover.v1.RegistryAuth.$Properties[];
            prune: boolean;
            waitHealthy: boolean;
            healthTimeoutMs: number;
            complete: boolean;
            static encode(message: drover.v1.ApplyPlan.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.ApplyPlan & drover.v1.ApplyPlan.$Shape;
        }

        namespace ApplyPlan {
            interface $Properties {
                planHash?: (string|null);
                containers?: (drover.v1.PlanContainerSpec.$Properties[]|null);
                files?: (drover.v1.PlanFileContent.$Properties[]|null);
                registryAuths?: (drover.v1.RegistryAuth.$Properties[]|null);
                prune?: (boolean|null);
                waitHealthy?: (boolean|null);
                healthTimeoutMs?: (number|null);
                complete?: (boolean|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.ApplyPlan.$Properties;
        }

        interface IPlanContainerSpec extends drover.v1.PlanContainerSpec.$Properties {
        }

        class PlanContainerSpec {
            constructor(properties?: drover.v1.PlanContainerSpec.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            image: string;
            entrypoint: string[];
            args: string[];
            env: string[];
            binds: string[];
            networkMode: string;
            pidMode: string;
            privileged: boolean;
            restartPolicy: string;
            labels: { [k: string]: string };
            healthCheck?: (drover.v1.HealthCheckSpec.$Properties|null);
            specHash: string;
            static encode(message: drover.v1.PlanContainerSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.PlanContainerSpec & drover.v1.PlanContainerSpec.$Shape;
        }

        namespace PlanContainerSpec {
            interface $Properties {
                name?: (string|null);
                image?: (string|null);
                entrypoint?: (string[]|null);
                args?: (string[]|null);
                env?: (string[]|null);
                binds?: (string[]|null);
                networkMode?: (string|null);
                pidMode?: (string|null);
                privileged?: (boolean|null);
                restartPolicy?: (string|null);
                labels?: ({ [k: string]: string }|null);
                healthCheck?: (drover.v1.HealthCheckSpec.$Properties|null);
                specHash?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.PlanContainerSpec.$Properties;
        }

        interface IHealthCheckSpec extends drover.v1.HealthCheckSpec.$Properties {
        }

        class HealthCheckSpec {
            constructor(properties?: drover.v1.HealthCheckSpec.$Properties);
            $unknowns?: Uint8Array[];
            type: string;
            url: string;
            address: string;
            path: string;
            caFile: string;
            certFile: string;
            keyFile: string;
            static encode(message: drover.v1.HealthCheckSpec.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.HealthCheckSpec & drover.v1.HealthCheckSpec.$Shape;
        }

        namespace HealthCheckSpec {
            interface $Properties {
                type?: (string|null);
                url?: (string|null);
                address?: (string|null);
                path?: (string|null);
                caFile?: (string|null);
                certFile?: (string|null);
                keyFile?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.HealthCheckSpec.$Properties;
        }

        interface IPlanFileContent extends drover.v1.PlanFileContent.$Properties {
        }

        class PlanFileContent {
            constructor(properties?: drover.v1.PlanFileContent.$Properties);
            $unknowns?: Uint8Array[];
            path: string;
            mode: number;
            content: Uint8Array;
            static encode(message: drover.v1.PlanFileContent.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.PlanFileContent & drover.v1.PlanFileContent.$Shape;
        }

        namespace PlanFileContent {
            interface $Properties {
                path?: (string|null);
                mode?: (number|null);
                content?: (Uint8Array|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.PlanFileContent.$Properties;
        }

        interface IRegistryAuth extends drover.v1.RegistryAuth.$Properties {
        }

        class RegistryAuth {
            constructor(properties?: drover.v1.RegistryAuth.$Properties);
            $unknowns?: Uint8Array[];
            registry: string;
            username: string;
            password: string;
            static encode(message: drover.v1.RegistryAuth.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.RegistryAuth & drover.v1.RegistryAuth.$Shape;
        }

        namespace RegistryAuth {
            interface $Properties {
                registry?: (string|null);
                username?: (string|null);
                password?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.RegistryAuth.$Properties;
        }

        interface IPlanApplied extends drover.v1.PlanApplied.$Properties {
        }

        class PlanApplied {
            constructor(properties?: drover.v1.PlanApplied.$Properties);
            $unknowns?: Uint8Array[];
            planHash: string;
            created: string[];
            replaced: string[];
            removed: string[];
            unchanged: string[];
            filesWritten: string[];
            containers: drover.v1.ManagedContainer.$Properties[];
            static encode(message: drover.v1.PlanApplied.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.PlanApplied & drover.v1.PlanApplied.$Shape;
        }

        namespace PlanApplied {
            interface $Properties {
                planHash?: (string|null);
                created?: (string[]|null);
                replaced?: (string[]|null);
                removed?: (string[]|null);
                unchanged?: (string[]|null);
                filesWritten?: (string[]|null);
                containers?: (drover.v1.ManagedContainer.$Properties[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.PlanApplied.$Properties;
        }

        interface IContainerLogs extends drover.v1.ContainerLogs.$Properties {
        }

        class ContainerLogs {
            constructor(properties?: drover.v1.ContainerLogs.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            tail: number;
            static encode(message: drover.v1.ContainerLogs.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.ContainerLogs & drover.v1.ContainerLogs.$Shape;
        }

        namespace ContainerLogs {
            interface $Properties {
                name?: (string|null);
                tail?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.ContainerLogs.$Properties;
        }

        interface IContainerLogsReply extends drover.v1.ContainerLogsReply.$Properties {
        }

        class ContainerLogsReply {
            constructor(properties?: drover.v1.ContainerLogsReply.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            lines: string[];
            static encode(message: drover.v1.ContainerLogsReply.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.ContainerLogsReply & drover.v1.ContainerLogsReply.$Shape;
        }

        namespace ContainerLogsReply {
            interface $Properties {
                name?: (string|null);
                lines?: (string[]|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.ContainerLogsReply.$Properties;
        }
    }
}
