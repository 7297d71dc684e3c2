import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace drover {

    namespace v1 {

        interface IControl extends drover.v1.Control.$Properties {
        }

        class Control {
            constructor(properties?: drover.v1.Control.$Properties);
            $unknowns?: Uint8Array[];
            hello?: (drover.v1.Hello.$Properties|null);
            helloRefused?: (drover.v1.HelloRefused.$Properties|null);
            open?: (drover.v1.Open.$Properties|null);
            openOk?: (drover.v1.OpenOk.$Properties|null);
            openError?: (drover.v1.OpenError.$Properties|null);
            fin?: (drover.v1.Fin.$Properties|null);
            reset?: (drover.v1.Reset.$Properties|null);
            ping?: (drover.v1.Ping.$Properties|null);
            pong?: (drover.v1.Pong.$Properties|null);
            goAway?: (drover.v1.GoAway.$Properties|null);
            syncStreams?: (drover.v1.SyncStreams.$Properties|null);
            body?: ("hello"|"helloRefused"|"open"|"openOk"|"openError"|"fin"|"reset"|"ping"|"pong"|"goAway"|"syncStreams");
            static encode(message: drover.v1.Control.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Control & drover.v1.Control.$Shape;
        }

        namespace Control {
            interface $Properties {
                hello?: (drover.v1.Hello.$Properties|null);
                helloRefused?: (drover.v1.HelloRefused.$Properties|null);
                open?: (drover.v1.Open.$Properties|null);
                openOk?: (drover.v1.OpenOk.$Properties|null);
                openError?: (drover.v1.OpenError.$Properties|null);
                fin?: (drover.v1.Fin.$Properties|null);
                reset?: (drover.v1.Reset.$Properties|null);
                ping?: (drover.v1.Ping.$Properties|null);
                pong?: (drover.v1.Pong.$Properties|null);
                goAway?: (drover.v1.GoAway.$Properties|null);
                syncStreams?: (drover.v1.SyncStreams.$Properties|null);
                body?: ("hello"|"helloRefused"|"open"|"openOk"|"openError"|"fin"|"reset"|"ping"|"pong"|"goAway"|"syncStreams");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              hello?: drover.v1.Hello.$Shape|null;
              helloRefused?: drover.v1.HelloRefused.$Shape|null;
              open?: drover.v1.Open.$Shape|null;
              openOk?: drover.v1.OpenOk.$Shape|null;
              openError?: drover.v1.OpenError.$Shape|null;
              fin?: drover.v1.Fin.$Shape|null;
              reset?: drover.v1.Reset.$Shape|null;
              ping?: drover.v1.Ping.$Shape|null;
              pong?: drover.v1.Pong.$Shape|null;
              goAway?: drover.v1.GoAway.$Shape|null;
              syncStreams?: drover.v1.SyncStreams.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ body?: undefined; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "hello"; hello: drover.v1.Hello.$Shape; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "helloRefused"; hello?: null; helloRefused: drover.v1.HelloRefused.$Shape; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "open"; hello?: null; helloRefused?: null; open: drover.v1.Open.$Shape; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "openOk"; hello?: null; helloRefused?: null; open?: null; openOk: drover.v1.OpenOk.$Shape; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "openError"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError: drover.v1.OpenError.$Shape; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "fin"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin: drover.v1.Fin.$Shape; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "reset"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset: drover.v1.Reset.$Shape; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "ping"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping: drover.v1.Ping.$Shape; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "pong"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong: drover.v1.Pong.$Shape; goAway?: null; syncStreams?: null }|{ body?: "goAway"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway: drover.v1.GoAway.$Shape; syncStreams?: null }|{ body?: "syncStreams"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams: drover.v1.SyncStreams.$Shape })
            );
        }

        enum Code {
            CODE_UNSPECIFIED = 0,
            CODE_DIAL_REFUSED = 1,
            CODE_DIAL_FAILED = 2,
            CODE_DIAL_TIMEOUT = 3,
            CODE_CANCELLED = 4,
            CODE_FLOW_CONTROL = 5,
            CODE_STREAM_LIMIT = 6,
            CODE_PROTOCOL = 7,
            CODE_GOING_AWAY = 8,
            CODE_UNKNOWN_STREAM = 9,
            CODE_IO = 10,
            CODE_VERSION_UNSUPPORTED = 11,
            CODE_RESOURCE_EXHAUSTED = 12,
            CODE_INTERNAL = 13
        }

        interface IHello extends drover.v1.Hello.$Properties {
        }

        class Hello {
            constructor(properties?: drover.v1.Hello.$Properties);
            $unknowns?: Uint8Array[];
            version: number;
            minVersion: number;
            capabilities: string[];
            limits?: (drover.v1.Limits.$Properties|null);
            implementation: string;
            static encode(message: drover.v1.Hello.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Hello & drover.v1.Hello.$Shape;
        }

        namespace Hello {
            interface $Properties {
                version?: (number|null);
                minVersion?: (number|null);
                capabilities?: (string[]|null);
                limits?: (drover.v1.Limits.$Properties|null);
                implementation?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Hello.$Properties;
        }

        interface ILimits extends drover.v1.Limits.$Properties {
        }

        class Limits {
            constructor(properties?: drover.v1.Limits.$Properties);
            $unknowns?: Uint8Array[];
            maxFrameBytes: number;
            maxStreams: number;
            pingIntervalMs: number;
            deadPeerTimeoutMs: number;
            static encode(message: drover.v1.Limits.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Limits & drover.v1.Limits.$Shape;
        }

        namespace Limits {
            interface $Properties {
                maxFrameBytes?: (number|null);
                maxStreams?: (number|null);
                pingIntervalMs?: (number|null);
                deadPeerTimeoutMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Limits.$Properties;
        }

        interface IHelloRefused extends drover.v1.HelloRefused.$Properties {
        }

        class HelloRefused {
            constructor(properties?: drover.v1.HelloRefused.$Properties);
            $unknowns?: Uint8Array[];
            code: drover.v1.Code;
            message: string;
            static encode(message: drover.v1.HelloRefused.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.HelloRefused & drover.v1.HelloRefused.$Shape;
        }

        namespace HelloRefused {
            interface $Properties {
                code?: (drover.v1.Code|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.HelloRefused.$Properties;
        }

        interface ITarget extends drover.v1.Target.$Properties {
        }

        class Target {
            constructor(properties?: drover.v1.Target.$Properties);
            $unknowns?: Uint8Array[];
            tcp?: (drover.v1.TcpTarget.$Properties|null);
            unix?: (drover.v1.UnixTarget.$Properties|null);
            service?: (drover.v1.ServiceTarget.$Properties|null);
            kind?: ("tcp"|"unix"|"service");
            static encode(message: drover.v1.Target.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Target & drover.v1.Target.$Shape;
        }

        namespace Target {
            interface $Properties {
                tcp?: (drover.v1.TcpTarget.$Properties|null);
                unix?: (drover.v1.UnixTarget.$Properties|null);
                service?: (drover.v1.ServiceTarget.$Properties|null);
                kind?: ("tcp"|"unix"|"service");
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              tcp?: drover.v1.TcpTarget.$Shape|null;
              unix?: drover.v1.UnixTarget.$Shape|null;
              service?: drover.v1.ServiceTarget.$Shape|null;
              $unknowns?: Uint8Array[];
            } & (
              ({ kind?: undefined; tcp?: null; unix?: null; service?: null }|{ kind?: "tcp"; tcp: drover.v1.TcpTarget.$Shape; unix?: null; service?: null }|{ kind?: "unix"; tcp?: null; unix: drover.v1.UnixTarget.$Shape; service?: null }|{ kind?: "service"; tcp?: null; unix?: null; service: drover.v1.ServiceTarget.$Shape })
            );
        }

        interface ITcpTarget extends drover.v1.TcpTarget.$Properties {
        }

        class TcpTarget {
            constructor(properties?: drover.v1.TcpTarget.$Properties);
            $unknowns?: Uint8Array[];
            host: string;
            port: number;
            static encode(message: drover.v1.TcpTarget.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.TcpTarget & drover.v1.TcpTarget.$Shape;
        }

        namespace TcpTarget {
            interface $Properties {
                host?: (string|null);
                port?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.TcpTarget.$Properties;
        }

        interface IUnixTarget extends drover.v1.UnixTarget.$Properties {
        }

        class UnixTarget {
            constructor(properties?: drover.v1.UnixTarget.$Properties);
            $unknowns?: Uint8Array[];
            path: string;
            static encode(message: drover.v1.UnixTarget.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.UnixTarget & drover.v1.UnixTarget.$Shape;
        }

        namespace UnixTarget {
            interface $Properties {
                path?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.UnixTarget.$Properties;
        }

        interface IServiceTarget extends drover.v1.ServiceTarget.$Properties {
        }

        class ServiceTarget {
            constructor(properties?: drover.v1.ServiceTarget.$Properties);
            $unknowns?: Uint8Array[];
            name: string;
            static encode(message: drover.v1.ServiceTarget.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.ServiceTarget & drover.v1.ServiceTarget.$Shape;
        }

        namespace ServiceTarget {
            interface $Properties {
                name?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.ServiceTarget.$Properties;
        }

        interface IOpen extends drover.v1.Open.$Properties {
        }

        class Open {
            constructor(properties?: drover.v1.Open.$Properties);
            $unknowns?: Uint8Array[];
            target?: (drover.v1.Target.$Properties|null);
            initialWindow: number;
            static encode(message: drover.v1.Open.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Open & drover.v1.Open.$Shape;
        }

        namespace Open {
            interface $Properties {
                target?: (drover.v1.Target.$Properties|null);
                initialWindow?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = {
              target?: drover.v1.Target.$Shape|null;
              initialWindow?: number|null;
              $unknowns?: Uint8Array[];
            };
        }

        interface IOpenOk extends drover.v1.OpenOk.$Properties {
        }

        class OpenOk {
            constructor(properties?: drover.v1.OpenOk.$Properties);
            $unknowns?: Uint8Array[];
            initialWindow: number;
            static encode(message: drover.v1.OpenOk.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.OpenOk & drover.v1.OpenOk.$Shape;
        }

        namespace OpenOk {
            interface $Properties {
                initialWindow?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.OpenOk.$Properties;
        }

        interface IOpenError extends drover.v1.OpenError.$Properties {
        }

        class OpenError {
            constructor(properties?: drover.v1.OpenError.$Properties);
            $unknowns?: Uint8Array[];
            code: drover.v1.Code;
            message: string;
            static encode(message: drover.v1.OpenError.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.OpenError & drover.v1.OpenError.$Shape;
        }

        namespace OpenError {
            interface $Properties {
                code?: (drover.v1.Code|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.OpenError.$Properties;
        }

        interface IFin extends drover.v1.Fin.$Properties {
        }

        class Fin {
            constructor(properties?: drover.v1.Fin.$Properties);
            $unknowns?: Uint8Array[];
            static encode(message: drover.v1.Fin.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Fin & drover.v1.Fin.$Shape;
        }

        namespace Fin {
            interface $Properties {
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Fin.$Properties;
        }

        interface IReset extends drover.v1.Reset.$Properties {
        }

        class Reset {
            constructor(properties?: drover.v1.Reset.$Properties);
            $unknowns?: Uint8Array[];
            code: drover.v1.Code;
            message: string;
            static encode(message: drover.v1.Reset.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Reset & drover.v1.Reset.$Shape;
        }

        namespace Reset {
            interface $Properties {
                code?: (drover.v1.Code|null);
                message?: (string|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Reset.$Properties;
        }

        interface IPing extends drover.v1.Ping.$Properties {
        }

        class Ping {
            constructor(properties?: drover.v1.Ping.$Properties);
            $unknowns?: Uint8Array[];
            id: number;
            static encode(message: drover.v1.Ping.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Ping & drover.v1.Ping.$Shape;
        }

        namespace Ping {
            interface $Properties {
                id?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Ping.$Properties;
        }

        interface IPong extends drover.v1.Pong.$Properties {
        }

        class Pong {
            constructor(properties?: drover.v1.Pong.$Properties);
            $unknowns?: Uint8Array[];
            id: number;
            static encode(message: drover.v1.Pong.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.Pong & drover.v1.Pong.$Shape;
        }

        namespace Pong {
            interface $Properties {
                id?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.Pong.$Properties;
        }

        interface IGoAway extends drover.v1.GoAway.$Properties {
        }

        class GoAway {
            constructor(properties?: drover.v1.GoAway.$Properties);
            $unknowns?: Uint8Array[];
            code: drover.v1.Code;
            message: string;
            graceMs: number;
            static encode(message: drover.v1.GoAway.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.GoAway & drover.v1.GoAway.$Shape;
        }

        namespace GoAway {
            interface $Properties {
                code?: (drover.v1.Code|null);
                message?: (string|null);
                graceMs?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.GoAway.$Properties;
        }

        interface ISyncStreams extends drover.v1.SyncStreams.$Properties {
        }

        class SyncStreams {
            constructor(properties?: drover.v1.SyncStreams.$Properties);
            $unknowns?: Uint8Array[];
            streamIds: number[];
            highestPeerId: number;
            static encode(message: drover.v1.SyncStreams.$Properties, writer?: $protobuf.Writer): $protobuf.Writer;
            static decode(reader: ($protobuf.Reader|Uint8Array), length?: number): drover.v1.SyncStreams & drover.v1.SyncStreams.$Shape;
        }

        namespace SyncStreams {
            interface $Properties {
                streamIds?: (number[]|null);
                highestPeerId?: (number|null);
                $unknowns?: Uint8Array[];
            }
            type $Shape = drover.v1.SyncStreams.$Properties;
        }
    }
}
