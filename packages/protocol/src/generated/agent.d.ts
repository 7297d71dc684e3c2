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
            body?: ("getStatus"|"watchStatus"|"cancel");
            static encode(message: drover.v1.AgentRequest.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.AgentRequest & drover.v1.AgentRequest.$Shape;
        }

        namespace AgentRequest {
            interface $Properties {
                id?: (number|null);
                getStatus?: (drover.v1.GetStatus.$Properties|null);
                watchStatus?: (drover.v1.WatchStatus.$Properties|null);
                cancel?: (drover.v1.Cancel.$Properties|null);
                body?: ("getStatus"|"watchStatus"|"cancel");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: number|null;
              getStatus?: drover.v1.GetStatus.$Shape|null;
              watchStatus?: drover.v1.WatchStatus.$Shape|null;
              cancel?: drover.v1.Cancel.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; getStatus?: null; watchStatus?: null; cancel?: null }|{ body?: "getStatus"; getStatus: drover.v1.GetStatus.$Shape; watchStatus?: null; cancel?: null }|{ body?: "watchStatus"; getStatus?: null; watchStatus: drover.v1.WatchStatus.$Shape; cancel?: null }|{ body?: "cancel"; getStatus?: null; watchStatus?: null; cancel: drover.v1.Cancel.$Shape })
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
            body?: ("status"|"progress"|"failure");
            static encode(message: drover.v1.AgentMessage.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.AgentMessage & drover.v1.AgentMessage.$Shape;
        }

        namespace AgentMessage {
            interface $Properties {
                id?: (number|null);
                status?: (drover.v1.AgentStatus.$Properties|null);
                progress?: (drover.v1.Progress.$Properties|null);
                failure?: (drover.v1.Failure.$Properties|null);
                body?: ("status"|"progress"|"failure");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              id?: number|null;
              status?: drover.v1.AgentStatus.$Shape|null;
              progress?: drover.v1.Progress.$Shape|null;
              failure?: drover.v1.Failure.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; status?: null; progress?: null; failure?: null }|{ body?: "status"; status: drover.v1.AgentStatus.$Shape; progress?: null; failure?: null }|{ body?: "progress"; status?: null; progress: drover.v1.Progress.$Shape; failure?: null }|{ body?: "failure"; status?: null; progress?: null; failure: drover.v1.Failure.$Shape })
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
            static encode(message: drover.v1.AgentStatus.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.AgentStatus & drover.v1.AgentStatus.$Shape;
        }

        namespace AgentStatus {
            interface $Properties {
                agentVersion?: (string|null);
                docker?: (drover.v1.DockerInfo.$Properties|null);
                containers?: (drover.v1.ManagedContainer.$Properties[]|null);
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
            FAILURE_INTERNAL = 6
        }

        interface IFailure extends drover.v1.Failure.$Properties {
        }

        class Failure {
            constructor(properties?: drover.v1.Failure.$Properties);
            $unknowns?: Uint8Array[];
            code: drover.v1.FailureCode;
            message: string;
            static encode(message: drover.v1.Failure.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Failure & drover.v1.Failure.$Shape;
        }

        namespace Failure {
            interface $Properties {
                code?: (drover.v1.FailureCode|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Failure.$Properties;
        }
    }
}
