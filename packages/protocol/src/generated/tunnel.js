/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const drover = $root.drover = (() => {

    /**
     * Namespace drover.
     * @exports drover
     * @namespace
     */
    const drover = {};

    drover.v1 = (function() {

        /**
         * Namespace v1.
         * @memberof drover
         * @namespace
         */
        const v1 = {};

        v1.Control = (function() {

            /**
             * Properties of a Control.
             * @typedef {Object} drover.v1.Control.$Properties
             * @property {drover.v1.Hello.$Properties|null} [hello] Control hello
             * @property {drover.v1.HelloRefused.$Properties|null} [helloRefused] Control helloRefused
             * @property {drover.v1.Open.$Properties|null} [open] Control open
             * @property {drover.v1.OpenOk.$Properties|null} [openOk] Control openOk
             * @property {drover.v1.OpenError.$Properties|null} [openError] Control openError
             * @property {drover.v1.Fin.$Properties|null} [fin] Control fin
             * @property {drover.v1.Reset.$Properties|null} [reset] Control reset
             * @property {drover.v1.Ping.$Properties|null} [ping] Control ping
             * @property {drover.v1.Pong.$Properties|null} [pong] Control pong
             * @property {drover.v1.GoAway.$Properties|null} [goAway] Control goAway
             * @property {drover.v1.SyncStreams.$Properties|null} [syncStreams] Control syncStreams
             * @property {"hello"|"helloRefused"|"open"|"openOk"|"openError"|"fin"|"reset"|"ping"|"pong"|"goAway"|"syncStreams"} [body] Control body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Control.
             * @memberof drover.v1
             * @interface IControl
             * @augments drover.v1.Control.$Properties
             * @deprecated Use drover.v1.Control.$Properties instead.
             */

            /**
             * Narrowed shape of a Control.
             * @typedef {{
             *   hello?: drover.v1.Hello.$Shape|null;
             *   helloRefused?: drover.v1.HelloRefused.$Shape|null;
             *   open?: drover.v1.Open.$Shape|null;
             *   openOk?: drover.v1.OpenOk.$Shape|null;
             *   openError?: drover.v1.OpenError.$Shape|null;
             *   fin?: drover.v1.Fin.$Shape|null;
             *   reset?: drover.v1.Reset.$Shape|null;
             *   ping?: drover.v1.Ping.$Shape|null;
             *   pong?: drover.v1.Pong.$Shape|null;
             *   goAway?: drover.v1.GoAway.$Shape|null;
             *   syncStreams?: drover.v1.SyncStreams.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "hello"; hello: drover.v1.Hello.$Shape; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "helloRefused"; hello?: null; helloRefused: drover.v1.HelloRefused.$Shape; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "open"; hello?: null; helloRefused?: null; open: drover.v1.Open.$Shape; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "openOk"; hello?: null; helloRefused?: null; open?: null; openOk: drover.v1.OpenOk.$Shape; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "openError"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError: drover.v1.OpenError.$Shape; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "fin"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin: drover.v1.Fin.$Shape; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "reset"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset: drover.v1.Reset.$Shape; ping?: null; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "ping"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping: drover.v1.Ping.$Shape; pong?: null; goAway?: null; syncStreams?: null }|{ body?: "pong"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong: drover.v1.Pong.$Shape; goAway?: null; syncStreams?: null }|{ body?: "goAway"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway: drover.v1.GoAway.$Shape; syncStreams?: null }|{ body?: "syncStreams"; hello?: null; helloRefused?: null; open?: null; openOk?: null; openError?: null; fin?: null; reset?: null; ping?: null; pong?: null; goAway?: null; syncStreams: drover.v1.SyncStreams.$Shape })
             * )} drover.v1.Control.$Shape
             */

            /**
             * Constructs a new Control.
             * @memberof drover.v1
             * @classdesc Represents a Control.
             * @constructor
             * @param {drover.v1.Control.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Control = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Control hello.
             * @member {drover.v1.Hello.$Properties|null|undefined} hello
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.hello = null;

            /**
             * Control helloRefused.
             * @member {drover.v1.HelloRefused.$Properties|null|undefined} helloRefused
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.helloRefused = null;

            /**
             * Control open.
             * @member {drover.v1.Open.$Properties|null|undefined} open
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.open = null;

            /**
             * Control openOk.
             * @member {drover.v1.OpenOk.$Properties|null|undefined} openOk
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.openOk = null;

            /**
             * Control openError.
             * @member {drover.v1.OpenError.$Properties|null|undefined} openError
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.openError = null;

            /**
             * Control fin.
             * @member {drover.v1.Fin.$Properties|null|undefined} fin
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.fin = null;

            /**
             * Control reset.
             * @member {drover.v1.Reset.$Properties|null|undefined} reset
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.reset = null;

            /**
             * Control ping.
             * @member {drover.v1.Ping.$Properties|null|undefined} ping
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.ping = null;

            /**
             * Control pong.
             * @member {drover.v1.Pong.$Properties|null|undefined} pong
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.pong = null;

            /**
             * Control goAway.
             * @member {drover.v1.GoAway.$Properties|null|undefined} goAway
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.goAway = null;

            /**
             * Control syncStreams.
             * @member {drover.v1.SyncStreams.$Properties|null|undefined} syncStreams
             * @memberof drover.v1.Control
             * @instance
             */
            Control.prototype.syncStreams = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Control body.
             * @member {"hello"|"helloRefused"|"open"|"openOk"|"openError"|"fin"|"reset"|"ping"|"pong"|"goAway"|"syncStreams"|undefined} body
             * @memberof drover.v1.Control
             * @instance
             */
            $Object.defineProperty(Control.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["hello", "helloRefused", "open", "openOk", "openError", "fin", "reset", "ping", "pong", "goAway", "syncStreams"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Encodes the specified Control message. Does not implicitly {@link drover.v1.Control.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Control
             * @static
             * @param {drover.v1.Control.$Properties} message Control message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Control.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.hello != null && $Object.hasOwnProperty.call(message, "hello"))
                    $root.drover.v1.Hello.encode(message.hello, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.helloRefused != null && $Object.hasOwnProperty.call(message, "helloRefused"))
                    $root.drover.v1.HelloRefused.encode(message.helloRefused, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.open != null && $Object.hasOwnProperty.call(message, "open"))
                    $root.drover.v1.Open.encode(message.open, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.openOk != null && $Object.hasOwnProperty.call(message, "openOk"))
                    $root.drover.v1.OpenOk.encode(message.openOk, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.openError != null && $Object.hasOwnProperty.call(message, "openError"))
                    $root.drover.v1.OpenError.encode(message.openError, writer.uint32(/* id 5, wireType 2 =*/42).fork(), _depth + 1).ldelim();
                if (message.fin != null && $Object.hasOwnProperty.call(message, "fin"))
                    $root.drover.v1.Fin.encode(message.fin, writer.uint32(/* id 6, wireType 2 =*/50).fork(), _depth + 1).ldelim();
                if (message.reset != null && $Object.hasOwnProperty.call(message, "reset"))
                    $root.drover.v1.Reset.encode(message.reset, writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.ping != null && $Object.hasOwnProperty.call(message, "ping"))
                    $root.drover.v1.Ping.encode(message.ping, writer.uint32(/* id 8, wireType 2 =*/66).fork(), _depth + 1).ldelim();
                if (message.pong != null && $Object.hasOwnProperty.call(message, "pong"))
                    $root.drover.v1.Pong.encode(message.pong, writer.uint32(/* id 9, wireType 2 =*/74).fork(), _depth + 1).ldelim();
                if (message.goAway != null && $Object.hasOwnProperty.call(message, "goAway"))
                    $root.drover.v1.GoAway.encode(message.goAway, writer.uint32(/* id 10, wireType 2 =*/82).fork(), _depth + 1).ldelim();
                if (message.syncStreams != null && $Object.hasOwnProperty.call(message, "syncStreams"))
                    $root.drover.v1.SyncStreams.encode(message.syncStreams, writer.uint32(/* id 11, wireType 2 =*/90).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Control message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Control
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Control & drover.v1.Control.$Shape} Control
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Control.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Control();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.hello = $root.drover.v1.Hello.decode(reader, reader.size(), $undefined, _depth + 1, message.hello);
                            message.body = "hello";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.helloRefused = $root.drover.v1.HelloRefused.decode(reader, reader.size(), $undefined, _depth + 1, message.helloRefused);
                            message.body = "helloRefused";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.open = $root.drover.v1.Open.decode(reader, reader.size(), $undefined, _depth + 1, message.open);
                            message.body = "open";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.openOk = $root.drover.v1.OpenOk.decode(reader, reader.size(), $undefined, _depth + 1, message.openOk);
                            message.body = "openOk";
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            message.openError = $root.drover.v1.OpenError.decode(reader, reader.size(), $undefined, _depth + 1, message.openError);
                            message.body = "openError";
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            message.fin = $root.drover.v1.Fin.decode(reader, reader.size(), $undefined, _depth + 1, message.fin);
                            message.body = "fin";
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            message.reset = $root.drover.v1.Reset.decode(reader, reader.size(), $undefined, _depth + 1, message.reset);
                            message.body = "reset";
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            message.ping = $root.drover.v1.Ping.decode(reader, reader.size(), $undefined, _depth + 1, message.ping);
                            message.body = "ping";
                            continue;
                        }
                    case 9: {
                            if (wireType !== 2)
                                break;
                            message.pong = $root.drover.v1.Pong.decode(reader, reader.size(), $undefined, _depth + 1, message.pong);
                            message.body = "pong";
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            message.goAway = $root.drover.v1.GoAway.decode(reader, reader.size(), $undefined, _depth + 1, message.goAway);
                            message.body = "goAway";
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            message.syncStreams = $root.drover.v1.SyncStreams.decode(reader, reader.size(), $undefined, _depth + 1, message.syncStreams);
                            message.body = "syncStreams";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Control;
        })();

        /**
         * Code enum.
         * @name drover.v1.Code
         * @enum {number}
         * @property {number} CODE_UNSPECIFIED=0 CODE_UNSPECIFIED value
         * @property {number} CODE_DIAL_REFUSED=1 CODE_DIAL_REFUSED value
         * @property {number} CODE_DIAL_FAILED=2 CODE_DIAL_FAILED value
         * @property {number} CODE_DIAL_TIMEOUT=3 CODE_DIAL_TIMEOUT value
         * @property {number} CODE_CANCELLED=4 CODE_CANCELLED value
         * @property {number} CODE_FLOW_CONTROL=5 CODE_FLOW_CONTROL value
         * @property {number} CODE_STREAM_LIMIT=6 CODE_STREAM_LIMIT value
         * @property {number} CODE_PROTOCOL=7 CODE_PROTOCOL value
         * @property {number} CODE_GOING_AWAY=8 CODE_GOING_AWAY value
         * @property {number} CODE_UNKNOWN_STREAM=9 CODE_UNKNOWN_STREAM value
         * @property {number} CODE_IO=10 CODE_IO value
         * @property {number} CODE_VERSION_UNSUPPORTED=11 CODE_VERSION_UNSUPPORTED value
         * @property {number} CODE_RESOURCE_EXHAUSTED=12 CODE_RESOURCE_EXHAUSTED value
         * @property {number} CODE_INTERNAL=13 CODE_INTERNAL value
         */
        v1.Code = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "CODE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "CODE_DIAL_REFUSED"] = 1;
            values[valuesById[2] = "CODE_DIAL_FAILED"] = 2;
            values[valuesById[3] = "CODE_DIAL_TIMEOUT"] = 3;
            values[valuesById[4] = "CODE_CANCELLED"] = 4;
            values[valuesById[5] = "CODE_FLOW_CONTROL"] = 5;
            values[valuesById[6] = "CODE_STREAM_LIMIT"] = 6;
            values[valuesById[7] = "CODE_PROTOCOL"] = 7;
            values[valuesById[8] = "CODE_GOING_AWAY"] = 8;
            values[valuesById[9] = "CODE_UNKNOWN_STREAM"] = 9;
            values[valuesById[10] = "CODE_IO"] = 10;
            values[valuesById[11] = "CODE_VERSION_UNSUPPORTED"] = 11;
            values[valuesById[12] = "CODE_RESOURCE_EXHAUSTED"] = 12;
            values[valuesById[13] = "CODE_INTERNAL"] = 13;
            return values;
        })();

        v1.Hello = (function() {

            /**
             * Properties of a Hello.
             * @typedef {Object} drover.v1.Hello.$Properties
             * @property {number|null} [version] Hello version
             * @property {number|null} [minVersion] Hello minVersion
             * @property {Array.<string>|null} [capabilities] Hello capabilities
             * @property {drover.v1.Limits.$Properties|null} [limits] Hello limits
             * @property {string|null} [implementation] Hello implementation
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Hello.
             * @memberof drover.v1
             * @interface IHello
             * @augments drover.v1.Hello.$Properties
             * @deprecated Use drover.v1.Hello.$Properties instead.
             */

            /**
             * Shape of a Hello.
             * @typedef {drover.v1.Hello.$Properties} drover.v1.Hello.$Shape
             */

            /**
             * Constructs a new Hello.
             * @memberof drover.v1
             * @classdesc Represents a Hello.
             * @constructor
             * @param {drover.v1.Hello.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Hello = function (properties) {
                this.capabilities = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Hello version.
             * @member {number} version
             * @memberof drover.v1.Hello
             * @instance
             */
            Hello.prototype.version = 0;

            /**
             * Hello minVersion.
             * @member {number} minVersion
             * @memberof drover.v1.Hello
             * @instance
             */
            Hello.prototype.minVersion = 0;

            /**
             * Hello capabilities.
             * @member {Array.<string>} capabilities
             * @memberof drover.v1.Hello
             * @instance
             */
            Hello.prototype.capabilities = $util.emptyArray;

            /**
             * Hello limits.
             * @member {drover.v1.Limits.$Properties|null|undefined} limits
             * @memberof drover.v1.Hello
             * @instance
             */
            Hello.prototype.limits = null;

            /**
             * Hello implementation.
             * @member {string} implementation
             * @memberof drover.v1.Hello
             * @instance
             */
            Hello.prototype.implementation = "";

            /**
             * Encodes the specified Hello message. Does not implicitly {@link drover.v1.Hello.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Hello
             * @static
             * @param {drover.v1.Hello.$Properties} message Hello message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Hello.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.version);
                if (message.minVersion != null && $Object.hasOwnProperty.call(message, "minVersion") && message.minVersion !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.minVersion);
                if (message.capabilities != null && message.capabilities.length)
                    for (let i = 0; i < message.capabilities.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.capabilities[i]);
                if (message.limits != null && $Object.hasOwnProperty.call(message, "limits"))
                    $root.drover.v1.Limits.encode(message.limits, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.implementation != null && $Object.hasOwnProperty.call(message, "implementation") && message.implementation !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.implementation);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Hello message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Hello
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Hello & drover.v1.Hello.$Shape} Hello
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Hello.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Hello();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.minVersion = value;
                            else
                                delete message.minVersion;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.capabilities && message.capabilities.length))
                                message.capabilities = [];
                            message.capabilities.push(reader.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.limits = $root.drover.v1.Limits.decode(reader, reader.size(), $undefined, _depth + 1, message.limits);
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.implementation = value;
                            else
                                delete message.implementation;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Hello;
        })();

        v1.Limits = (function() {

            /**
             * Properties of a Limits.
             * @typedef {Object} drover.v1.Limits.$Properties
             * @property {number|null} [maxFrameBytes] Limits maxFrameBytes
             * @property {number|null} [maxStreams] Limits maxStreams
             * @property {number|null} [pingIntervalMs] Limits pingIntervalMs
             * @property {number|null} [deadPeerTimeoutMs] Limits deadPeerTimeoutMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Limits.
             * @memberof drover.v1
             * @interface ILimits
             * @augments drover.v1.Limits.$Properties
             * @deprecated Use drover.v1.Limits.$Properties instead.
             */

            /**
             * Shape of a Limits.
             * @typedef {drover.v1.Limits.$Properties} drover.v1.Limits.$Shape
             */

            /**
             * Constructs a new Limits.
             * @memberof drover.v1
             * @classdesc Represents a Limits.
             * @constructor
             * @param {drover.v1.Limits.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Limits = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Limits maxFrameBytes.
             * @member {number} maxFrameBytes
             * @memberof drover.v1.Limits
             * @instance
             */
            Limits.prototype.maxFrameBytes = 0;

            /**
             * Limits maxStreams.
             * @member {number} maxStreams
             * @memberof drover.v1.Limits
             * @instance
             */
            Limits.prototype.maxStreams = 0;

            /**
             * Limits pingIntervalMs.
             * @member {number} pingIntervalMs
             * @memberof drover.v1.Limits
             * @instance
             */
            Limits.prototype.pingIntervalMs = 0;

            /**
             * Limits deadPeerTimeoutMs.
             * @member {number} deadPeerTimeoutMs
             * @memberof drover.v1.Limits
             * @instance
             */
            Limits.prototype.deadPeerTimeoutMs = 0;

            /**
             * Encodes the specified Limits message. Does not implicitly {@link drover.v1.Limits.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Limits
             * @static
             * @param {drover.v1.Limits.$Properties} message Limits message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Limits.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.maxFrameBytes != null && $Object.hasOwnProperty.call(message, "maxFrameBytes") && message.maxFrameBytes !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.maxFrameBytes);
                if (message.maxStreams != null && $Object.hasOwnProperty.call(message, "maxStreams") && message.maxStreams !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.maxStreams);
                if (message.pingIntervalMs != null && $Object.hasOwnProperty.call(message, "pingIntervalMs") && message.pingIntervalMs !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.pingIntervalMs);
                if (message.deadPeerTimeoutMs != null && $Object.hasOwnProperty.call(message, "deadPeerTimeoutMs") && message.deadPeerTimeoutMs !== 0)
                    writer.uint32(/* id 4, wireType 0 =*/32).uint32(message.deadPeerTimeoutMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Limits message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Limits
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Limits & drover.v1.Limits.$Shape} Limits
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Limits.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Limits();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxFrameBytes = value;
                            else
                                delete message.maxFrameBytes;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.maxStreams = value;
                            else
                                delete message.maxStreams;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.pingIntervalMs = value;
                            else
                                delete message.pingIntervalMs;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.deadPeerTimeoutMs = value;
                            else
                                delete message.deadPeerTimeoutMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Limits;
        })();

        v1.HelloRefused = (function() {

            /**
             * Properties of a HelloRefused.
             * @typedef {Object} drover.v1.HelloRefused.$Properties
             * @property {drover.v1.Code|null} [code] HelloRefused code
             * @property {string|null} [message] HelloRefused message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a HelloRefused.
             * @memberof drover.v1
             * @interface IHelloRefused
             * @augments drover.v1.HelloRefused.$Properties
             * @deprecated Use drover.v1.HelloRefused.$Properties instead.
             */

            /**
             * Shape of a HelloRefused.
             * @typedef {drover.v1.HelloRefused.$Properties} drover.v1.HelloRefused.$Shape
             */

            /**
             * Constructs a new HelloRefused.
             * @memberof drover.v1
             * @classdesc Represents a HelloRefused.
             * @constructor
             * @param {drover.v1.HelloRefused.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const HelloRefused = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * HelloRefused code.
             * @member {drover.v1.Code} code
             * @memberof drover.v1.HelloRefused
             * @instance
             */
            HelloRefused.prototype.code = 0;

            /**
             * HelloRefused message.
             * @member {string} message
             * @memberof drover.v1.HelloRefused
             * @instance
             */
            HelloRefused.prototype.message = "";

            /**
             * Encodes the specified HelloRefused message. Does not implicitly {@link drover.v1.HelloRefused.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.HelloRefused
             * @static
             * @param {drover.v1.HelloRefused.$Properties} message HelloRefused message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HelloRefused.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a HelloRefused message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.HelloRefused
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.HelloRefused & drover.v1.HelloRefused.$Shape} HelloRefused
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HelloRefused.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.HelloRefused();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return HelloRefused;
        })();

        v1.Target = (function() {

            /**
             * Properties of a Target.
             * @typedef {Object} drover.v1.Target.$Properties
             * @property {drover.v1.TcpTarget.$Properties|null} [tcp] Target tcp
             * @property {drover.v1.UnixTarget.$Properties|null} [unix] Target unix
             * @property {drover.v1.ServiceTarget.$Properties|null} [service] Target service
             * @property {"tcp"|"unix"|"service"} [kind] Target kind
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Target.
             * @memberof drover.v1
             * @interface ITarget
             * @augments drover.v1.Target.$Properties
             * @deprecated Use drover.v1.Target.$Properties instead.
             */

            /**
             * Narrowed shape of a Target.
             * @typedef {{
             *   tcp?: drover.v1.TcpTarget.$Shape|null;
             *   unix?: drover.v1.UnixTarget.$Shape|null;
             *   service?: drover.v1.ServiceTarget.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ kind?: undefined; tcp?: null; unix?: null; service?: null }|{ kind?: "tcp"; tcp: drover.v1.TcpTarget.$Shape; unix?: null; service?: null }|{ kind?: "unix"; tcp?: null; unix: drover.v1.UnixTarget.$Shape; service?: null }|{ kind?: "service"; tcp?: null; unix?: null; service: drover.v1.ServiceTarget.$Shape })
             * )} drover.v1.Target.$Shape
             */

            /**
             * Constructs a new Target.
             * @memberof drover.v1
             * @classdesc Represents a Target.
             * @constructor
             * @param {drover.v1.Target.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Target = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Target tcp.
             * @member {drover.v1.TcpTarget.$Properties|null|undefined} tcp
             * @memberof drover.v1.Target
             * @instance
             */
            Target.prototype.tcp = null;

            /**
             * Target unix.
             * @member {drover.v1.UnixTarget.$Properties|null|undefined} unix
             * @memberof drover.v1.Target
             * @instance
             */
            Target.prototype.unix = null;

            /**
             * Target service.
             * @member {drover.v1.ServiceTarget.$Properties|null|undefined} service
             * @memberof drover.v1.Target
             * @instance
             */
            Target.prototype.service = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * Target kind.
             * @member {"tcp"|"unix"|"service"|undefined} kind
             * @memberof drover.v1.Target
             * @instance
             */
            $Object.defineProperty(Target.prototype, "kind", {
                get: $util.oneOfGetter($oneOfFields = ["tcp", "unix", "service"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Encodes the specified Target message. Does not implicitly {@link drover.v1.Target.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Target
             * @static
             * @param {drover.v1.Target.$Properties} message Target message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Target.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.tcp != null && $Object.hasOwnProperty.call(message, "tcp"))
                    $root.drover.v1.TcpTarget.encode(message.tcp, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.unix != null && $Object.hasOwnProperty.call(message, "unix"))
                    $root.drover.v1.UnixTarget.encode(message.unix, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.service != null && $Object.hasOwnProperty.call(message, "service"))
                    $root.drover.v1.ServiceTarget.encode(message.service, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Target message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Target
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Target & drover.v1.Target.$Shape} Target
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Target.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Target();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.tcp = $root.drover.v1.TcpTarget.decode(reader, reader.size(), $undefined, _depth + 1, message.tcp);
                            message.kind = "tcp";
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.unix = $root.drover.v1.UnixTarget.decode(reader, reader.size(), $undefined, _depth + 1, message.unix);
                            message.kind = "unix";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.service = $root.drover.v1.ServiceTarget.decode(reader, reader.size(), $undefined, _depth + 1, message.service);
                            message.kind = "service";
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Target;
        })();

        v1.TcpTarget = (function() {

            /**
             * Properties of a TcpTarget.
             * @typedef {Object} drover.v1.TcpTarget.$Properties
             * @property {string|null} [host] TcpTarget host
             * @property {number|null} [port] TcpTarget port
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a TcpTarget.
             * @memberof drover.v1
             * @interface ITcpTarget
             * @augments drover.v1.TcpTarget.$Properties
             * @deprecated Use drover.v1.TcpTarget.$Properties instead.
             */

            /**
             * Shape of a TcpTarget.
             * @typedef {drover.v1.TcpTarget.$Properties} drover.v1.TcpTarget.$Shape
             */

            /**
             * Constructs a new TcpTarget.
             * @memberof drover.v1
             * @classdesc Represents a TcpTarget.
             * @constructor
             * @param {drover.v1.TcpTarget.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const TcpTarget = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * TcpTarget host.
             * @member {string} host
             * @memberof drover.v1.TcpTarget
             * @instance
             */
            TcpTarget.prototype.host = "";

            /**
             * TcpTarget port.
             * @member {number} port
             * @memberof drover.v1.TcpTarget
             * @instance
             */
            TcpTarget.prototype.port = 0;

            /**
             * Encodes the specified TcpTarget message. Does not implicitly {@link drover.v1.TcpTarget.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.TcpTarget
             * @static
             * @param {drover.v1.TcpTarget.$Properties} message TcpTarget message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            TcpTarget.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.host != null && $Object.hasOwnProperty.call(message, "host") && message.host !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.host);
                if (message.port != null && $Object.hasOwnProperty.call(message, "port") && message.port !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.port);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a TcpTarget message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.TcpTarget
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.TcpTarget & drover.v1.TcpTarget.$Shape} TcpTarget
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            TcpTarget.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.TcpTarget();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.host = value;
                            else
                                delete message.host;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.port = value;
                            else
                                delete message.port;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return TcpTarget;
        })();

        v1.UnixTarget = (function() {

            /**
             * Properties of a UnixTarget.
             * @typedef {Object} drover.v1.UnixTarget.$Properties
             * @property {string|null} [path] UnixTarget path
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a UnixTarget.
             * @memberof drover.v1
             * @interface IUnixTarget
             * @augments drover.v1.UnixTarget.$Properties
             * @deprecated Use drover.v1.UnixTarget.$Properties instead.
             */

            /**
             * Shape of a UnixTarget.
             * @typedef {drover.v1.UnixTarget.$Properties} drover.v1.UnixTarget.$Shape
             */

            /**
             * Constructs a new UnixTarget.
             * @memberof drover.v1
             * @classdesc Represents a UnixTarget.
             * @constructor
             * @param {drover.v1.UnixTarget.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const UnixTarget = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * UnixTarget path.
             * @member {string} path
             * @memberof drover.v1.UnixTarget
             * @instance
             */
            UnixTarget.prototype.path = "";

            /**
             * Encodes the specified UnixTarget message. Does not implicitly {@link drover.v1.UnixTarget.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.UnixTarget
             * @static
             * @param {drover.v1.UnixTarget.$Properties} message UnixTarget message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            UnixTarget.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.path != null && $Object.hasOwnProperty.call(message, "path") && message.path !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.path);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a UnixTarget message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.UnixTarget
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.UnixTarget & drover.v1.UnixTarget.$Shape} UnixTarget
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            UnixTarget.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.UnixTarget();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.path = value;
                            else
                                delete message.path;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return UnixTarget;
        })();

        v1.ServiceTarget = (function() {

            /**
             * Properties of a ServiceTarget.
             * @typedef {Object} drover.v1.ServiceTarget.$Properties
             * @property {string|null} [name] ServiceTarget name
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ServiceTarget.
             * @memberof drover.v1
             * @interface IServiceTarget
             * @augments drover.v1.ServiceTarget.$Properties
             * @deprecated Use drover.v1.ServiceTarget.$Properties instead.
             */

            /**
             * Shape of a ServiceTarget.
             * @typedef {drover.v1.ServiceTarget.$Properties} drover.v1.ServiceTarget.$Shape
             */

            /**
             * Constructs a new ServiceTarget.
             * @memberof drover.v1
             * @classdesc Represents a ServiceTarget.
             * @constructor
             * @param {drover.v1.ServiceTarget.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ServiceTarget = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ServiceTarget name.
             * @member {string} name
             * @memberof drover.v1.ServiceTarget
             * @instance
             */
            ServiceTarget.prototype.name = "";

            /**
             * Encodes the specified ServiceTarget message. Does not implicitly {@link drover.v1.ServiceTarget.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.ServiceTarget
             * @static
             * @param {drover.v1.ServiceTarget.$Properties} message ServiceTarget message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ServiceTarget.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ServiceTarget message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.ServiceTarget
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.ServiceTarget & drover.v1.ServiceTarget.$Shape} ServiceTarget
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ServiceTarget.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.ServiceTarget();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.name = value;
                            else
                                delete message.name;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return ServiceTarget;
        })();

        v1.Open = (function() {

            /**
             * Properties of an Open.
             * @typedef {Object} drover.v1.Open.$Properties
             * @property {drover.v1.Target.$Properties|null} [target] Open target
             * @property {number|null} [initialWindow] Open initialWindow
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an Open.
             * @memberof drover.v1
             * @interface IOpen
             * @augments drover.v1.Open.$Properties
             * @deprecated Use drover.v1.Open.$Properties instead.
             */

            /**
             * Shape of an Open.
             * @typedef {{
             *   target?: drover.v1.Target.$Shape|null;
             *   initialWindow?: number|null;
             *   $unknowns?: Array.<Uint8Array>;
             * }} drover.v1.Open.$Shape
             */

            /**
             * Constructs a new Open.
             * @memberof drover.v1
             * @classdesc Represents an Open.
             * @constructor
             * @param {drover.v1.Open.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Open = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Open target.
             * @member {drover.v1.Target.$Properties|null|undefined} target
             * @memberof drover.v1.Open
             * @instance
             */
            Open.prototype.target = null;

            /**
             * Open initialWindow.
             * @member {number} initialWindow
             * @memberof drover.v1.Open
             * @instance
             */
            Open.prototype.initialWindow = 0;

            /**
             * Encodes the specified Open message. Does not implicitly {@link drover.v1.Open.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Open
             * @static
             * @param {drover.v1.Open.$Properties} message Open message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Open.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.target != null && $Object.hasOwnProperty.call(message, "target"))
                    $root.drover.v1.Target.encode(message.target, writer.uint32(/* id 1, wireType 2 =*/10).fork(), _depth + 1).ldelim();
                if (message.initialWindow != null && $Object.hasOwnProperty.call(message, "initialWindow") && message.initialWindow !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.initialWindow);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an Open message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Open
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Open & drover.v1.Open.$Shape} Open
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Open.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Open();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 2)
                                break;
                            message.target = $root.drover.v1.Target.decode(reader, reader.size(), $undefined, _depth + 1, message.target);
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.initialWindow = value;
                            else
                                delete message.initialWindow;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Open;
        })();

        v1.OpenOk = (function() {

            /**
             * Properties of an OpenOk.
             * @typedef {Object} drover.v1.OpenOk.$Properties
             * @property {number|null} [initialWindow] OpenOk initialWindow
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OpenOk.
             * @memberof drover.v1
             * @interface IOpenOk
             * @augments drover.v1.OpenOk.$Properties
             * @deprecated Use drover.v1.OpenOk.$Properties instead.
             */

            /**
             * Shape of an OpenOk.
             * @typedef {drover.v1.OpenOk.$Properties} drover.v1.OpenOk.$Shape
             */

            /**
             * Constructs a new OpenOk.
             * @memberof drover.v1
             * @classdesc Represents an OpenOk.
             * @constructor
             * @param {drover.v1.OpenOk.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OpenOk = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OpenOk initialWindow.
             * @member {number} initialWindow
             * @memberof drover.v1.OpenOk
             * @instance
             */
            OpenOk.prototype.initialWindow = 0;

            /**
             * Encodes the specified OpenOk message. Does not implicitly {@link drover.v1.OpenOk.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.OpenOk
             * @static
             * @param {drover.v1.OpenOk.$Properties} message OpenOk message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OpenOk.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.initialWindow != null && $Object.hasOwnProperty.call(message, "initialWindow") && message.initialWindow !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.initialWindow);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OpenOk message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.OpenOk
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.OpenOk & drover.v1.OpenOk.$Shape} OpenOk
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OpenOk.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.OpenOk();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.initialWindow = value;
                            else
                                delete message.initialWindow;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return OpenOk;
        })();

        v1.OpenError = (function() {

            /**
             * Properties of an OpenError.
             * @typedef {Object} drover.v1.OpenError.$Properties
             * @property {drover.v1.Code|null} [code] OpenError code
             * @property {string|null} [message] OpenError message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an OpenError.
             * @memberof drover.v1
             * @interface IOpenError
             * @augments drover.v1.OpenError.$Properties
             * @deprecated Use drover.v1.OpenError.$Properties instead.
             */

            /**
             * Shape of an OpenError.
             * @typedef {drover.v1.OpenError.$Properties} drover.v1.OpenError.$Shape
             */

            /**
             * Constructs a new OpenError.
             * @memberof drover.v1
             * @classdesc Represents an OpenError.
             * @constructor
             * @param {drover.v1.OpenError.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const OpenError = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * OpenError code.
             * @member {drover.v1.Code} code
             * @memberof drover.v1.OpenError
             * @instance
             */
            OpenError.prototype.code = 0;

            /**
             * OpenError message.
             * @member {string} message
             * @memberof drover.v1.OpenError
             * @instance
             */
            OpenError.prototype.message = "";

            /**
             * Encodes the specified OpenError message. Does not implicitly {@link drover.v1.OpenError.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.OpenError
             * @static
             * @param {drover.v1.OpenError.$Properties} message OpenError message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            OpenError.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an OpenError message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.OpenError
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.OpenError & drover.v1.OpenError.$Shape} OpenError
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            OpenError.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.OpenError();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return OpenError;
        })();

        v1.Fin = (function() {

            /**
             * Properties of a Fin.
             * @typedef {Object} drover.v1.Fin.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Fin.
             * @memberof drover.v1
             * @interface IFin
             * @augments drover.v1.Fin.$Properties
             * @deprecated Use drover.v1.Fin.$Properties instead.
             */

            /**
             * Shape of a Fin.
             * @typedef {drover.v1.Fin.$Properties} drover.v1.Fin.$Shape
             */

            /**
             * Constructs a new Fin.
             * @memberof drover.v1
             * @classdesc Represents a Fin.
             * @constructor
             * @param {drover.v1.Fin.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Fin = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Encodes the specified Fin message. Does not implicitly {@link drover.v1.Fin.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Fin
             * @static
             * @param {drover.v1.Fin.$Properties} message Fin message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Fin.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Fin message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Fin
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Fin & drover.v1.Fin.$Shape} Fin
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Fin.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Fin();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    reader.skipType(tag & 7, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Fin;
        })();

        v1.Reset = (function() {

            /**
             * Properties of a Reset.
             * @typedef {Object} drover.v1.Reset.$Properties
             * @property {drover.v1.Code|null} [code] Reset code
             * @property {string|null} [message] Reset message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Reset.
             * @memberof drover.v1
             * @interface IReset
             * @augments drover.v1.Reset.$Properties
             * @deprecated Use drover.v1.Reset.$Properties instead.
             */

            /**
             * Shape of a Reset.
             * @typedef {drover.v1.Reset.$Properties} drover.v1.Reset.$Shape
             */

            /**
             * Constructs a new Reset.
             * @memberof drover.v1
             * @classdesc Represents a Reset.
             * @constructor
             * @param {drover.v1.Reset.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Reset = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Reset code.
             * @member {drover.v1.Code} code
             * @memberof drover.v1.Reset
             * @instance
             */
            Reset.prototype.code = 0;

            /**
             * Reset message.
             * @member {string} message
             * @memberof drover.v1.Reset
             * @instance
             */
            Reset.prototype.message = "";

            /**
             * Encodes the specified Reset message. Does not implicitly {@link drover.v1.Reset.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Reset
             * @static
             * @param {drover.v1.Reset.$Properties} message Reset message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Reset.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Reset message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Reset
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Reset & drover.v1.Reset.$Shape} Reset
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Reset.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Reset();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Reset;
        })();

        v1.Ping = (function() {

            /**
             * Properties of a Ping.
             * @typedef {Object} drover.v1.Ping.$Properties
             * @property {number|null} [id] Ping id
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Ping.
             * @memberof drover.v1
             * @interface IPing
             * @augments drover.v1.Ping.$Properties
             * @deprecated Use drover.v1.Ping.$Properties instead.
             */

            /**
             * Shape of a Ping.
             * @typedef {drover.v1.Ping.$Properties} drover.v1.Ping.$Shape
             */

            /**
             * Constructs a new Ping.
             * @memberof drover.v1
             * @classdesc Represents a Ping.
             * @constructor
             * @param {drover.v1.Ping.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Ping = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Ping id.
             * @member {number} id
             * @memberof drover.v1.Ping
             * @instance
             */
            Ping.prototype.id = 0;

            /**
             * Encodes the specified Ping message. Does not implicitly {@link drover.v1.Ping.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Ping
             * @static
             * @param {drover.v1.Ping.$Properties} message Ping message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Ping.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Ping message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Ping
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Ping & drover.v1.Ping.$Shape} Ping
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Ping.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Ping();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Ping;
        })();

        v1.Pong = (function() {

            /**
             * Properties of a Pong.
             * @typedef {Object} drover.v1.Pong.$Properties
             * @property {number|null} [id] Pong id
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Pong.
             * @memberof drover.v1
             * @interface IPong
             * @augments drover.v1.Pong.$Properties
             * @deprecated Use drover.v1.Pong.$Properties instead.
             */

            /**
             * Shape of a Pong.
             * @typedef {drover.v1.Pong.$Properties} drover.v1.Pong.$Shape
             */

            /**
             * Constructs a new Pong.
             * @memberof drover.v1
             * @classdesc Represents a Pong.
             * @constructor
             * @param {drover.v1.Pong.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Pong = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Pong id.
             * @member {number} id
             * @memberof drover.v1.Pong
             * @instance
             */
            Pong.prototype.id = 0;

            /**
             * Encodes the specified Pong message. Does not implicitly {@link drover.v1.Pong.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Pong
             * @static
             * @param {drover.v1.Pong.$Properties} message Pong message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Pong.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Pong message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Pong
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Pong & drover.v1.Pong.$Shape} Pong
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Pong.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.Pong();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return Pong;
        })();

        v1.GoAway = (function() {

            /**
             * Properties of a GoAway.
             * @typedef {Object} drover.v1.GoAway.$Properties
             * @property {drover.v1.Code|null} [code] GoAway code
             * @property {string|null} [message] GoAway message
             * @property {number|null} [graceMs] GoAway graceMs
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a GoAway.
             * @memberof drover.v1
             * @interface IGoAway
             * @augments drover.v1.GoAway.$Properties
             * @deprecated Use drover.v1.GoAway.$Properties instead.
             */

            /**
             * Shape of a GoAway.
             * @typedef {drover.v1.GoAway.$Properties} drover.v1.GoAway.$Shape
             */

            /**
             * Constructs a new GoAway.
             * @memberof drover.v1
             * @classdesc Represents a GoAway.
             * @constructor
             * @param {drover.v1.GoAway.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const GoAway = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * GoAway code.
             * @member {drover.v1.Code} code
             * @memberof drover.v1.GoAway
             * @instance
             */
            GoAway.prototype.code = 0;

            /**
             * GoAway message.
             * @member {string} message
             * @memberof drover.v1.GoAway
             * @instance
             */
            GoAway.prototype.message = "";

            /**
             * GoAway graceMs.
             * @member {number} graceMs
             * @memberof drover.v1.GoAway
             * @instance
             */
            GoAway.prototype.graceMs = 0;

            /**
             * Encodes the specified GoAway message. Does not implicitly {@link drover.v1.GoAway.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.GoAway
             * @static
             * @param {drover.v1.GoAway.$Properties} message GoAway message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GoAway.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.code != null && $Object.hasOwnProperty.call(message, "code") && message.code !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).int32(message.code);
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.message);
                if (message.graceMs != null && $Object.hasOwnProperty.call(message, "graceMs") && message.graceMs !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.graceMs);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a GoAway message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.GoAway
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.GoAway & drover.v1.GoAway.$Shape} GoAway
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GoAway.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.GoAway();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.int32())
                                message.code = value;
                            else
                                delete message.code;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.graceMs = value;
                            else
                                delete message.graceMs;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return GoAway;
        })();

        v1.SyncStreams = (function() {

            /**
             * Properties of a SyncStreams.
             * @typedef {Object} drover.v1.SyncStreams.$Properties
             * @property {Array.<number>|null} [streamIds] SyncStreams streamIds
             * @property {number|null} [highestPeerId] SyncStreams highestPeerId
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a SyncStreams.
             * @memberof drover.v1
             * @interface ISyncStreams
             * @augments drover.v1.SyncStreams.$Properties
             * @deprecated Use drover.v1.SyncStreams.$Properties instead.
             */

            /**
             * Shape of a SyncStreams.
             * @typedef {drover.v1.SyncStreams.$Properties} drover.v1.SyncStreams.$Shape
             */

            /**
             * Constructs a new SyncStreams.
             * @memberof drover.v1
             * @classdesc Represents a SyncStreams.
             * @constructor
             * @param {drover.v1.SyncStreams.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const SyncStreams = function (properties) {
                this.streamIds = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * SyncStreams streamIds.
             * @member {Array.<number>} streamIds
             * @memberof drover.v1.SyncStreams
             * @instance
             */
            SyncStreams.prototype.streamIds = $util.emptyArray;

            /**
             * SyncStreams highestPeerId.
             * @member {number} highestPeerId
             * @memberof drover.v1.SyncStreams
             * @instance
             */
            SyncStreams.prototype.highestPeerId = 0;

            /**
             * Encodes the specified SyncStreams message. Does not implicitly {@link drover.v1.SyncStreams.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.SyncStreams
             * @static
             * @param {drover.v1.SyncStreams.$Properties} message SyncStreams message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            SyncStreams.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.streamIds != null && message.streamIds.length)
                    writer.uint32(/* id 1, wireType 2 =*/10).uint32s(message.streamIds);
                if (message.highestPeerId != null && $Object.hasOwnProperty.call(message, "highestPeerId") && message.highestPeerId !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.highestPeerId);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a SyncStreams message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.SyncStreams
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.SyncStreams & drover.v1.SyncStreams.$Shape} SyncStreams
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            SyncStreams.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.SyncStreams();
                while (reader.pos < end) {
                    let start = reader.pos;
                    let tag = reader.tag();
                    if (tag === _end) {
                        _end = $undefined;
                        break;
                    }
                    let wireType = tag & 7;
                    switch (tag >>>= 3) {
                    case 1: {
                            if (wireType === 2) {
                                if (!(message.streamIds && message.streamIds.length))
                                    message.streamIds = [];
                                reader.uint32s(message.streamIds);
                                continue;
                            }
                            if (wireType !== 0)
                                break;
                            if (!(message.streamIds && message.streamIds.length))
                                message.streamIds = [];
                            message.streamIds.push(reader.uint32());
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.highestPeerId = value;
                            else
                                delete message.highestPeerId;
                            continue;
                        }
                    }
                    reader.skipType(wireType, _depth, tag);
                    if (!reader.discardUnknown) {
                        $util.makeProp(message, "$unknowns", false);
                        (message.$unknowns || (message.$unknowns = [])).push(reader.raw(start, reader.pos));
                    }
                }
                if (length !== $undefined) {
                    if (reader.pos !== end)
                        throw $RangeError("index out of range");
                    reader.len = length;
                }
                if (_end !== $undefined)
                    throw $Error("missing end group");
                return message;
            };

            return SyncStreams;
        })();

        return v1;
    })();

    return drover;
})();

export {
  $root as default
};
