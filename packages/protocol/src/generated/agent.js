/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["agent"] || ($protobuf.roots["agent"] = {});

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

        v1.AgentRequest = (function() {

            /**
             * Properties of an AgentRequest.
             * @typedef {Object} drover.v1.AgentRequest.$Properties
             * @property {number|null} [id] AgentRequest id
             * @property {drover.v1.GetStatus.$Properties|null} [getStatus] AgentRequest getStatus
             * @property {drover.v1.WatchStatus.$Properties|null} [watchStatus] AgentRequest watchStatus
             * @property {drover.v1.Cancel.$Properties|null} [cancel] AgentRequest cancel
             * @property {"getStatus"|"watchStatus"|"cancel"} [body] AgentRequest body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AgentRequest.
             * @memberof drover.v1
             * @interface IAgentRequest
             * @augments drover.v1.AgentRequest.$Properties
             * @deprecated Use drover.v1.AgentRequest.$Properties instead.
             */

            /**
             * Narrowed shape of an AgentRequest.
             * @typedef {{
             *   id?: number|null;
             *   getStatus?: drover.v1.GetStatus.$Shape|null;
             *   watchStatus?: drover.v1.WatchStatus.$Shape|null;
             *   cancel?: drover.v1.Cancel.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; getStatus?: null; watchStatus?: null; cancel?: null }|{ body?: "getStatus"; getStatus: drover.v1.GetStatus.$Shape; watchStatus?: null; cancel?: null }|{ body?: "watchStatus"; getStatus?: null; watchStatus: drover.v1.WatchStatus.$Shape; cancel?: null }|{ body?: "cancel"; getStatus?: null; watchStatus?: null; cancel: drover.v1.Cancel.$Shape })
             * )} drover.v1.AgentRequest.$Shape
             */

            /**
             * Constructs a new AgentRequest.
             * @memberof drover.v1
             * @classdesc Represents an AgentRequest.
             * @constructor
             * @param {drover.v1.AgentRequest.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AgentRequest = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AgentRequest id.
             * @member {number} id
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            AgentRequest.prototype.id = 0;

            /**
             * AgentRequest getStatus.
             * @member {drover.v1.GetStatus.$Properties|null|undefined} getStatus
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            AgentRequest.prototype.getStatus = null;

            /**
             * AgentRequest watchStatus.
             * @member {drover.v1.WatchStatus.$Properties|null|undefined} watchStatus
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            AgentRequest.prototype.watchStatus = null;

            /**
             * AgentRequest cancel.
             * @member {drover.v1.Cancel.$Properties|null|undefined} cancel
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            AgentRequest.prototype.cancel = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * AgentRequest body.
             * @member {"getStatus"|"watchStatus"|"cancel"|undefined} body
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            $Object.defineProperty(AgentRequest.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["getStatus", "watchStatus", "cancel"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Encodes the specified AgentRequest message. Does not implicitly {@link drover.v1.AgentRequest.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.AgentRequest
             * @static
             * @param {drover.v1.AgentRequest.$Properties} message AgentRequest message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentRequest.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.getStatus != null && $Object.hasOwnProperty.call(message, "getStatus"))
                    $root.drover.v1.GetStatus.encode(message.getStatus, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.watchStatus != null && $Object.hasOwnProperty.call(message, "watchStatus"))
                    $root.drover.v1.WatchStatus.encode(message.watchStatus, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.cancel != null && $Object.hasOwnProperty.call(message, "cancel"))
                    $root.drover.v1.Cancel.encode(message.cancel, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AgentRequest message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.AgentRequest
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.AgentRequest & drover.v1.AgentRequest.$Shape} AgentRequest
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentRequest.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.AgentRequest();
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
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.getStatus = $root.drover.v1.GetStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.getStatus);
                            message.body = "getStatus";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.watchStatus = $root.drover.v1.WatchStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.watchStatus);
                            message.body = "watchStatus";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.cancel = $root.drover.v1.Cancel.decode(reader, reader.size(), $undefined, _depth + 1, message.cancel);
                            message.body = "cancel";
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

            return AgentRequest;
        })();

        v1.AgentMessage = (function() {

            /**
             * Properties of an AgentMessage.
             * @typedef {Object} drover.v1.AgentMessage.$Properties
             * @property {number|null} [id] AgentMessage id
             * @property {drover.v1.AgentStatus.$Properties|null} [status] AgentMessage status
             * @property {drover.v1.Progress.$Properties|null} [progress] AgentMessage progress
             * @property {drover.v1.Failure.$Properties|null} [failure] AgentMessage failure
             * @property {"status"|"progress"|"failure"} [body] AgentMessage body
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AgentMessage.
             * @memberof drover.v1
             * @interface IAgentMessage
             * @augments drover.v1.AgentMessage.$Properties
             * @deprecated Use drover.v1.AgentMessage.$Properties instead.
             */

            /**
             * Narrowed shape of an AgentMessage.
             * @typedef {{
             *   id?: number|null;
             *   status?: drover.v1.AgentStatus.$Shape|null;
             *   progress?: drover.v1.Progress.$Shape|null;
             *   failure?: drover.v1.Failure.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; status?: null; progress?: null; failure?: null }|{ body?: "status"; status: drover.v1.AgentStatus.$Shape; progress?: null; failure?: null }|{ body?: "progress"; status?: null; progress: drover.v1.Progress.$Shape; failure?: null }|{ body?: "failure"; status?: null; progress?: null; failure: drover.v1.Failure.$Shape })
             * )} drover.v1.AgentMessage.$Shape
             */

            /**
             * Constructs a new AgentMessage.
             * @memberof drover.v1
             * @classdesc Represents an AgentMessage.
             * @constructor
             * @param {drover.v1.AgentMessage.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AgentMessage = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AgentMessage id.
             * @member {number} id
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            AgentMessage.prototype.id = 0;

            /**
             * AgentMessage status.
             * @member {drover.v1.AgentStatus.$Properties|null|undefined} status
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            AgentMessage.prototype.status = null;

            /**
             * AgentMessage progress.
             * @member {drover.v1.Progress.$Properties|null|undefined} progress
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            AgentMessage.prototype.progress = null;

            /**
             * AgentMessage failure.
             * @member {drover.v1.Failure.$Properties|null|undefined} failure
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            AgentMessage.prototype.failure = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * AgentMessage body.
             * @member {"status"|"progress"|"failure"|undefined} body
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            $Object.defineProperty(AgentMessage.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["status", "progress", "failure"]),
                set: $util.oneOfSetter($oneOfFields)
            });

            /**
             * Encodes the specified AgentMessage message. Does not implicitly {@link drover.v1.AgentMessage.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.AgentMessage
             * @static
             * @param {drover.v1.AgentMessage.$Properties} message AgentMessage message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentMessage.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== 0)
                    writer.uint32(/* id 1, wireType 0 =*/8).uint32(message.id);
                if (message.status != null && $Object.hasOwnProperty.call(message, "status"))
                    $root.drover.v1.AgentStatus.encode(message.status, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.progress != null && $Object.hasOwnProperty.call(message, "progress"))
                    $root.drover.v1.Progress.encode(message.progress, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.failure != null && $Object.hasOwnProperty.call(message, "failure"))
                    $root.drover.v1.Failure.encode(message.failure, writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AgentMessage message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.AgentMessage
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.AgentMessage & drover.v1.AgentMessage.$Shape} AgentMessage
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentMessage.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.AgentMessage();
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
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.status = $root.drover.v1.AgentStatus.decode(reader, reader.size(), $undefined, _depth + 1, message.status);
                            message.body = "status";
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.progress = $root.drover.v1.Progress.decode(reader, reader.size(), $undefined, _depth + 1, message.progress);
                            message.body = "progress";
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            message.failure = $root.drover.v1.Failure.decode(reader, reader.size(), $undefined, _depth + 1, message.failure);
                            message.body = "failure";
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

            return AgentMessage;
        })();

        v1.GetStatus = (function() {

            /**
             * Properties of a GetStatus.
             * @typedef {Object} drover.v1.GetStatus.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a GetStatus.
             * @memberof drover.v1
             * @interface IGetStatus
             * @augments drover.v1.GetStatus.$Properties
             * @deprecated Use drover.v1.GetStatus.$Properties instead.
             */

            /**
             * Shape of a GetStatus.
             * @typedef {drover.v1.GetStatus.$Properties} drover.v1.GetStatus.$Shape
             */

            /**
             * Constructs a new GetStatus.
             * @memberof drover.v1
             * @classdesc Represents a GetStatus.
             * @constructor
             * @param {drover.v1.GetStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const GetStatus = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Encodes the specified GetStatus message. Does not implicitly {@link drover.v1.GetStatus.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.GetStatus
             * @static
             * @param {drover.v1.GetStatus.$Properties} message GetStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            GetStatus.encode = function (message, writer, _depth) {
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
             * Decodes a GetStatus message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.GetStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.GetStatus & drover.v1.GetStatus.$Shape} GetStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            GetStatus.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.GetStatus();
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

            return GetStatus;
        })();

        v1.WatchStatus = (function() {

            /**
             * Properties of a WatchStatus.
             * @typedef {Object} drover.v1.WatchStatus.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a WatchStatus.
             * @memberof drover.v1
             * @interface IWatchStatus
             * @augments drover.v1.WatchStatus.$Properties
             * @deprecated Use drover.v1.WatchStatus.$Properties instead.
             */

            /**
             * Shape of a WatchStatus.
             * @typedef {drover.v1.WatchStatus.$Properties} drover.v1.WatchStatus.$Shape
             */

            /**
             * Constructs a new WatchStatus.
             * @memberof drover.v1
             * @classdesc Represents a WatchStatus.
             * @constructor
             * @param {drover.v1.WatchStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const WatchStatus = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Encodes the specified WatchStatus message. Does not implicitly {@link drover.v1.WatchStatus.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.WatchStatus
             * @static
             * @param {drover.v1.WatchStatus.$Properties} message WatchStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            WatchStatus.encode = function (message, writer, _depth) {
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
             * Decodes a WatchStatus message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.WatchStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.WatchStatus & drover.v1.WatchStatus.$Shape} WatchStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            WatchStatus.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.WatchStatus();
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

            return WatchStatus;
        })();

        v1.Cancel = (function() {

            /**
             * Properties of a Cancel.
             * @typedef {Object} drover.v1.Cancel.$Properties
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Cancel.
             * @memberof drover.v1
             * @interface ICancel
             * @augments drover.v1.Cancel.$Properties
             * @deprecated Use drover.v1.Cancel.$Properties instead.
             */

            /**
             * Shape of a Cancel.
             * @typedef {drover.v1.Cancel.$Properties} drover.v1.Cancel.$Shape
             */

            /**
             * Constructs a new Cancel.
             * @memberof drover.v1
             * @classdesc Represents a Cancel.
             * @constructor
             * @param {drover.v1.Cancel.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Cancel = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Encodes the specified Cancel message. Does not implicitly {@link drover.v1.Cancel.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Cancel
             * @static
             * @param {drover.v1.Cancel.$Properties} message Cancel message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Cancel.encode = function (message, writer, _depth) {
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
             * Decodes a Cancel message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Cancel
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Cancel & drover.v1.Cancel.$Shape} Cancel
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Cancel.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.Cancel();
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

            return Cancel;
        })();

        v1.AgentStatus = (function() {

            /**
             * Properties of an AgentStatus.
             * @typedef {Object} drover.v1.AgentStatus.$Properties
             * @property {string|null} [agentVersion] AgentStatus agentVersion
             * @property {drover.v1.DockerInfo.$Properties|null} [docker] AgentStatus docker
             * @property {Array.<drover.v1.ManagedContainer.$Properties>|null} [containers] AgentStatus containers
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an AgentStatus.
             * @memberof drover.v1
             * @interface IAgentStatus
             * @augments drover.v1.AgentStatus.$Properties
             * @deprecated Use drover.v1.AgentStatus.$Properties instead.
             */

            /**
             * Shape of an AgentStatus.
             * @typedef {drover.v1.AgentStatus.$Properties} drover.v1.AgentStatus.$Shape
             */

            /**
             * Constructs a new AgentStatus.
             * @memberof drover.v1
             * @classdesc Represents an AgentStatus.
             * @constructor
             * @param {drover.v1.AgentStatus.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const AgentStatus = function (properties) {
                this.containers = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * AgentStatus agentVersion.
             * @member {string} agentVersion
             * @memberof drover.v1.AgentStatus
             * @instance
             */
            AgentStatus.prototype.agentVersion = "";

            /**
             * AgentStatus docker.
             * @member {drover.v1.DockerInfo.$Properties|null|undefined} docker
             * @memberof drover.v1.AgentStatus
             * @instance
             */
            AgentStatus.prototype.docker = null;

            /**
             * AgentStatus containers.
             * @member {Array.<drover.v1.ManagedContainer.$Properties>} containers
             * @memberof drover.v1.AgentStatus
             * @instance
             */
            AgentStatus.prototype.containers = $util.emptyArray;

            /**
             * Encodes the specified AgentStatus message. Does not implicitly {@link drover.v1.AgentStatus.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.AgentStatus
             * @static
             * @param {drover.v1.AgentStatus.$Properties} message AgentStatus message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            AgentStatus.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.agentVersion != null && $Object.hasOwnProperty.call(message, "agentVersion") && message.agentVersion !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.agentVersion);
                if (message.docker != null && $Object.hasOwnProperty.call(message, "docker"))
                    $root.drover.v1.DockerInfo.encode(message.docker, writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.containers != null && message.containers.length)
                    for (let i = 0; i < message.containers.length; ++i)
                        $root.drover.v1.ManagedContainer.encode(message.containers[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an AgentStatus message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.AgentStatus
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.AgentStatus & drover.v1.AgentStatus.$Shape} AgentStatus
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            AgentStatus.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.AgentStatus();
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
                                message.agentVersion = value;
                            else
                                delete message.agentVersion;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            message.docker = $root.drover.v1.DockerInfo.decode(reader, reader.size(), $undefined, _depth + 1, message.docker);
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.containers && message.containers.length))
                                message.containers = [];
                            message.containers.push($root.drover.v1.ManagedContainer.decode(reader, reader.size(), $undefined, _depth + 1));
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

            return AgentStatus;
        })();

        v1.DockerInfo = (function() {

            /**
             * Properties of a DockerInfo.
             * @typedef {Object} drover.v1.DockerInfo.$Properties
             * @property {string|null} [engineId] DockerInfo engineId
             * @property {string|null} [version] DockerInfo version
             * @property {string|null} [storageDriver] DockerInfo storageDriver
             * @property {string|null} [cgroupDriver] DockerInfo cgroupDriver
             * @property {string|null} [os] DockerInfo os
             * @property {string|null} [kernel] DockerInfo kernel
             * @property {number|null} [cpus] DockerInfo cpus
             * @property {number|null} [memoryBytes] DockerInfo memoryBytes
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a DockerInfo.
             * @memberof drover.v1
             * @interface IDockerInfo
             * @augments drover.v1.DockerInfo.$Properties
             * @deprecated Use drover.v1.DockerInfo.$Properties instead.
             */

            /**
             * Shape of a DockerInfo.
             * @typedef {drover.v1.DockerInfo.$Properties} drover.v1.DockerInfo.$Shape
             */

            /**
             * Constructs a new DockerInfo.
             * @memberof drover.v1
             * @classdesc Represents a DockerInfo.
             * @constructor
             * @param {drover.v1.DockerInfo.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const DockerInfo = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * DockerInfo engineId.
             * @member {string} engineId
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.engineId = "";

            /**
             * DockerInfo version.
             * @member {string} version
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.version = "";

            /**
             * DockerInfo storageDriver.
             * @member {string} storageDriver
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.storageDriver = "";

            /**
             * DockerInfo cgroupDriver.
             * @member {string} cgroupDriver
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.cgroupDriver = "";

            /**
             * DockerInfo os.
             * @member {string} os
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.os = "";

            /**
             * DockerInfo kernel.
             * @member {string} kernel
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.kernel = "";

            /**
             * DockerInfo cpus.
             * @member {number} cpus
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.cpus = 0;

            /**
             * DockerInfo memoryBytes.
             * @member {number} memoryBytes
             * @memberof drover.v1.DockerInfo
             * @instance
             */
            DockerInfo.prototype.memoryBytes = 0;

            /**
             * Encodes the specified DockerInfo message. Does not implicitly {@link drover.v1.DockerInfo.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.DockerInfo
             * @static
             * @param {drover.v1.DockerInfo.$Properties} message DockerInfo message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            DockerInfo.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.engineId != null && $Object.hasOwnProperty.call(message, "engineId") && message.engineId !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.engineId);
                if (message.version != null && $Object.hasOwnProperty.call(message, "version") && message.version !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.version);
                if (message.storageDriver != null && $Object.hasOwnProperty.call(message, "storageDriver") && message.storageDriver !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.storageDriver);
                if (message.cgroupDriver != null && $Object.hasOwnProperty.call(message, "cgroupDriver") && message.cgroupDriver !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.cgroupDriver);
                if (message.os != null && $Object.hasOwnProperty.call(message, "os") && message.os !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.os);
                if (message.kernel != null && $Object.hasOwnProperty.call(message, "kernel") && message.kernel !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.kernel);
                if (message.cpus != null && $Object.hasOwnProperty.call(message, "cpus") && message.cpus !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.cpus);
                if (message.memoryBytes != null && $Object.hasOwnProperty.call(message, "memoryBytes") && !$Object.is(message.memoryBytes, 0))
                    writer.uint32(/* id 8, wireType 1 =*/65).double(message.memoryBytes);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a DockerInfo message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.DockerInfo
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.DockerInfo & drover.v1.DockerInfo.$Shape} DockerInfo
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            DockerInfo.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.DockerInfo();
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
                                message.engineId = value;
                            else
                                delete message.engineId;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.version = value;
                            else
                                delete message.version;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.storageDriver = value;
                            else
                                delete message.storageDriver;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.cgroupDriver = value;
                            else
                                delete message.cgroupDriver;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.os = value;
                            else
                                delete message.os;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.kernel = value;
                            else
                                delete message.kernel;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.cpus = value;
                            else
                                delete message.cpus;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 1)
                                break;
                            if (!$Object.is(value = reader.double(), 0))
                                message.memoryBytes = value;
                            else
                                delete message.memoryBytes;
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

            return DockerInfo;
        })();

        v1.ManagedContainer = (function() {

            /**
             * Properties of a ManagedContainer.
             * @typedef {Object} drover.v1.ManagedContainer.$Properties
             * @property {string|null} [name] ManagedContainer name
             * @property {string|null} [image] ManagedContainer image
             * @property {string|null} [state] ManagedContainer state
             * @property {string|null} [id] ManagedContainer id
             * @property {number|null} [created] ManagedContainer created
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ManagedContainer.
             * @memberof drover.v1
             * @interface IManagedContainer
             * @augments drover.v1.ManagedContainer.$Properties
             * @deprecated Use drover.v1.ManagedContainer.$Properties instead.
             */

            /**
             * Shape of a ManagedContainer.
             * @typedef {drover.v1.ManagedContainer.$Properties} drover.v1.ManagedContainer.$Shape
             */

            /**
             * Constructs a new ManagedContainer.
             * @memberof drover.v1
             * @classdesc Represents a ManagedContainer.
             * @constructor
             * @param {drover.v1.ManagedContainer.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ManagedContainer = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ManagedContainer name.
             * @member {string} name
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.name = "";

            /**
             * ManagedContainer image.
             * @member {string} image
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.image = "";

            /**
             * ManagedContainer state.
             * @member {string} state
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.state = "";

            /**
             * ManagedContainer id.
             * @member {string} id
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.id = "";

            /**
             * ManagedContainer created.
             * @member {number} created
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.created = 0;

            /**
             * Encodes the specified ManagedContainer message. Does not implicitly {@link drover.v1.ManagedContainer.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.ManagedContainer
             * @static
             * @param {drover.v1.ManagedContainer.$Properties} message ManagedContainer message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ManagedContainer.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.image != null && $Object.hasOwnProperty.call(message, "image") && message.image !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.image);
                if (message.state != null && $Object.hasOwnProperty.call(message, "state") && message.state !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.state);
                if (message.id != null && $Object.hasOwnProperty.call(message, "id") && message.id !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.id);
                if (message.created != null && $Object.hasOwnProperty.call(message, "created") && message.created !== 0)
                    writer.uint32(/* id 5, wireType 0 =*/40).uint32(message.created);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ManagedContainer message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.ManagedContainer
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.ManagedContainer & drover.v1.ManagedContainer.$Shape} ManagedContainer
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ManagedContainer.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.ManagedContainer();
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
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.image = value;
                            else
                                delete message.image;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.state = value;
                            else
                                delete message.state;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.id = value;
                            else
                                delete message.id;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.created = value;
                            else
                                delete message.created;
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

            return ManagedContainer;
        })();

        v1.Progress = (function() {

            /**
             * Properties of a Progress.
             * @typedef {Object} drover.v1.Progress.$Properties
             * @property {string|null} [message] Progress message
             * @property {number|null} [done] Progress done
             * @property {number|null} [total] Progress total
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Progress.
             * @memberof drover.v1
             * @interface IProgress
             * @augments drover.v1.Progress.$Properties
             * @deprecated Use drover.v1.Progress.$Properties instead.
             */

            /**
             * Shape of a Progress.
             * @typedef {drover.v1.Progress.$Properties} drover.v1.Progress.$Shape
             */

            /**
             * Constructs a new Progress.
             * @memberof drover.v1
             * @classdesc Represents a Progress.
             * @constructor
             * @param {drover.v1.Progress.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Progress = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Progress message.
             * @member {string} message
             * @memberof drover.v1.Progress
             * @instance
             */
            Progress.prototype.message = "";

            /**
             * Progress done.
             * @member {number} done
             * @memberof drover.v1.Progress
             * @instance
             */
            Progress.prototype.done = 0;

            /**
             * Progress total.
             * @member {number} total
             * @memberof drover.v1.Progress
             * @instance
             */
            Progress.prototype.total = 0;

            /**
             * Encodes the specified Progress message. Does not implicitly {@link drover.v1.Progress.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Progress
             * @static
             * @param {drover.v1.Progress.$Properties} message Progress message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Progress.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.message != null && $Object.hasOwnProperty.call(message, "message") && message.message !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.message);
                if (message.done != null && $Object.hasOwnProperty.call(message, "done") && message.done !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.done);
                if (message.total != null && $Object.hasOwnProperty.call(message, "total") && message.total !== 0)
                    writer.uint32(/* id 3, wireType 0 =*/24).uint32(message.total);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a Progress message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Progress
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Progress & drover.v1.Progress.$Shape} Progress
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Progress.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.Progress();
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
                                message.message = value;
                            else
                                delete message.message;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.done = value;
                            else
                                delete message.done;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.total = value;
                            else
                                delete message.total;
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

            return Progress;
        })();

        /**
         * FailureCode enum.
         * @name drover.v1.FailureCode
         * @enum {number}
         * @property {number} FAILURE_UNSPECIFIED=0 FAILURE_UNSPECIFIED value
         * @property {number} FAILURE_UNSUPPORTED=1 FAILURE_UNSUPPORTED value
         * @property {number} FAILURE_CANCELLED=2 FAILURE_CANCELLED value
         * @property {number} FAILURE_INVALID=3 FAILURE_INVALID value
         * @property {number} FAILURE_DOCKER=4 FAILURE_DOCKER value
         * @property {number} FAILURE_BUSY=5 FAILURE_BUSY value
         * @property {number} FAILURE_INTERNAL=6 FAILURE_INTERNAL value
         */
        v1.FailureCode = (function() {
            const valuesById = $Object.create(null), values = $Object.create(valuesById);
            values[valuesById[0] = "FAILURE_UNSPECIFIED"] = 0;
            values[valuesById[1] = "FAILURE_UNSUPPORTED"] = 1;
            values[valuesById[2] = "FAILURE_CANCELLED"] = 2;
            values[valuesById[3] = "FAILURE_INVALID"] = 3;
            values[valuesById[4] = "FAILURE_DOCKER"] = 4;
            values[valuesById[5] = "FAILURE_BUSY"] = 5;
            values[valuesById[6] = "FAILURE_INTERNAL"] = 6;
            return values;
        })();

        v1.Failure = (function() {

            /**
             * Properties of a Failure.
             * @typedef {Object} drover.v1.Failure.$Properties
             * @property {drover.v1.FailureCode|null} [code] Failure code
             * @property {string|null} [message] Failure message
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a Failure.
             * @memberof drover.v1
             * @interface IFailure
             * @augments drover.v1.Failure.$Properties
             * @deprecated Use drover.v1.Failure.$Properties instead.
             */

            /**
             * Shape of a Failure.
             * @typedef {drover.v1.Failure.$Properties} drover.v1.Failure.$Shape
             */

            /**
             * Constructs a new Failure.
             * @memberof drover.v1
             * @classdesc Represents a Failure.
             * @constructor
             * @param {drover.v1.Failure.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const Failure = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * Failure code.
             * @member {drover.v1.FailureCode} code
             * @memberof drover.v1.Failure
             * @instance
             */
            Failure.prototype.code = 0;

            /**
             * Failure message.
             * @member {string} message
             * @memberof drover.v1.Failure
             * @instance
             */
            Failure.prototype.message = "";

            /**
             * Encodes the specified Failure message. Does not implicitly {@link drover.v1.Failure.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.Failure
             * @static
             * @param {drover.v1.Failure.$Properties} message Failure message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            Failure.encode = function (message, writer, _depth) {
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
             * Decodes a Failure message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.Failure
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.Failure & drover.v1.Failure.$Shape} Failure
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            Failure.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.Failure();
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

            return Failure;
        })();

        return v1;
    })();

    return drover;
})();

export {
  $root as default
};
