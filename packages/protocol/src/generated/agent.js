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
             * @property {drover.v1.ApplyPlan.$Properties|null} [applyPlan] AgentRequest applyPlan
             * @property {drover.v1.ContainerLogs.$Properties|null} [containerLogs] AgentRequest containerLogs
             * @property {"getStatus"|"watchStatus"|"cancel"|"applyPlan"|"containerLogs"} [body] AgentRequest body
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
             *   applyPlan?: drover.v1.ApplyPlan.$Shape|null;
             *   containerLogs?: drover.v1.ContainerLogs.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; getStatus?: null; watchStatus?: null; cancel?: null; applyPlan?: null; containerLogs?: null }|{ body?: "getStatus"; getStatus: drover.v1.GetStatus.$Shape; watchStatus?: null; cancel?: null; applyPlan?: null; containerLogs?: null }|{ body?: "watchStatus"; getStatus?: null; watchStatus: drover.v1.WatchStatus.$Shape; cancel?: null; applyPlan?: null; containerLogs?: null }|{ body?: "cancel"; getStatus?: null; watchStatus?: null; cancel: drover.v1.Cancel.$Shape; applyPlan?: null; containerLogs?: null }|{ body?: "applyPlan"; getStatus?: null; watchStatus?: null; cancel?: null; applyPlan: drover.v1.ApplyPlan.$Shape; containerLogs?: null }|{ body?: "containerLogs"; getStatus?: null; watchStatus?: null; cancel?: null; applyPlan?: null; containerLogs: drover.v1.ContainerLogs.$Shape })
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

            /**
             * AgentRequest applyPlan.
             * @member {drover.v1.ApplyPlan.$Properties|null|undefined} applyPlan
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            AgentRequest.prototype.applyPlan = null;

            /**
             * AgentRequest containerLogs.
             * @member {drover.v1.ContainerLogs.$Properties|null|undefined} containerLogs
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            AgentRequest.prototype.containerLogs = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * AgentRequest body.
             * @member {"getStatus"|"watchStatus"|"cancel"|"applyPlan"|"containerLogs"|undefined} body
             * @memberof drover.v1.AgentRequest
             * @instance
             */
            $Object.defineProperty(AgentRequest.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["getStatus", "watchStatus", "cancel", "applyPlan", "containerLogs"]),
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
                if (message.applyPlan != null && $Object.hasOwnProperty.call(message, "applyPlan"))
                    $root.drover.v1.ApplyPlan.encode(message.applyPlan, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
                if (message.containerLogs != null && $Object.hasOwnProperty.call(message, "containerLogs"))
                    $root.drover.v1.ContainerLogs.encode(message.containerLogs, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
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
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.applyPlan = $root.drover.v1.ApplyPlan.decode(reader, reader.size(), $undefined, _depth + 1, message.applyPlan);
                            message.body = "applyPlan";
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.containerLogs = $root.drover.v1.ContainerLogs.decode(reader, reader.size(), $undefined, _depth + 1, message.containerLogs);
                            message.body = "containerLogs";
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
             * @property {drover.v1.PlanApplied.$Properties|null} [planApplied] AgentMessage planApplied
             * @property {drover.v1.ContainerLogsReply.$Properties|null} [containerLogs] AgentMessage containerLogs
             * @property {"status"|"progress"|"failure"|"planApplied"|"containerLogs"} [body] AgentMessage body
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
             *   planApplied?: drover.v1.PlanApplied.$Shape|null;
             *   containerLogs?: drover.v1.ContainerLogsReply.$Shape|null;
             *   $unknowns?: Array.<Uint8Array>;
             * } & (
             *   ({ body?: undefined; status?: null; progress?: null; failure?: null; planApplied?: null; containerLogs?: null }|{ body?: "status"; status: drover.v1.AgentStatus.$Shape; progress?: null; failure?: null; planApplied?: null; containerLogs?: null }|{ body?: "progress"; status?: null; progress: drover.v1.Progress.$Shape; failure?: null; planApplied?: null; containerLogs?: null }|{ body?: "failure"; status?: null; progress?: null; failure: drover.v1.Failure.$Shape; planApplied?: null; containerLogs?: null }|{ body?: "planApplied"; status?: null; progress?: null; failure?: null; planApplied: drover.v1.PlanApplied.$Shape; containerLogs?: null }|{ body?: "containerLogs"; status?: null; progress?: null; failure?: null; planApplied?: null; containerLogs: drover.v1.ContainerLogsReply.$Shape })
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

            /**
             * AgentMessage planApplied.
             * @member {drover.v1.PlanApplied.$Properties|null|undefined} planApplied
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            AgentMessage.prototype.planApplied = null;

            /**
             * AgentMessage containerLogs.
             * @member {drover.v1.ContainerLogsReply.$Properties|null|undefined} containerLogs
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            AgentMessage.prototype.containerLogs = null;

            // OneOf field names bound to virtual getters and setters
            let $oneOfFields;

            /**
             * AgentMessage body.
             * @member {"status"|"progress"|"failure"|"planApplied"|"containerLogs"|undefined} body
             * @memberof drover.v1.AgentMessage
             * @instance
             */
            $Object.defineProperty(AgentMessage.prototype, "body", {
                get: $util.oneOfGetter($oneOfFields = ["status", "progress", "failure", "planApplied", "containerLogs"]),
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
                if (message.planApplied != null && $Object.hasOwnProperty.call(message, "planApplied"))
                    $root.drover.v1.PlanApplied.encode(message.planApplied, writer.uint32(/* id 16, wireType 2 =*/130).fork(), _depth + 1).ldelim();
                if (message.containerLogs != null && $Object.hasOwnProperty.call(message, "containerLogs"))
                    $root.drover.v1.ContainerLogsReply.encode(message.containerLogs, writer.uint32(/* id 17, wireType 2 =*/138).fork(), _depth + 1).ldelim();
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
                    case 16: {
                            if (wireType !== 2)
                                break;
                            message.planApplied = $root.drover.v1.PlanApplied.decode(reader, reader.size(), $undefined, _depth + 1, message.planApplied);
                            message.body = "planApplied";
                            continue;
                        }
                    case 17: {
                            if (wireType !== 2)
                                break;
                            message.containerLogs = $root.drover.v1.ContainerLogsReply.decode(reader, reader.size(), $undefined, _depth + 1, message.containerLogs);
                            message.body = "containerLogs";
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
             * @property {string|null} [appliedPlanHash] AgentStatus appliedPlanHash
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
             * AgentStatus appliedPlanHash.
             * @member {string} appliedPlanHash
             * @memberof drover.v1.AgentStatus
             * @instance
             */
            AgentStatus.prototype.appliedPlanHash = "";

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
                if (message.appliedPlanHash != null && $Object.hasOwnProperty.call(message, "appliedPlanHash") && message.appliedPlanHash !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.appliedPlanHash);
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
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.appliedPlanHash = value;
                            else
                                delete message.appliedPlanHash;
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
             * @property {string|null} [specHash] ManagedContainer specHash
             * @property {string|null} [health] ManagedContainer health
             * @property {string|null} [healthMessage] ManagedContainer healthMessage
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
             * ManagedContainer specHash.
             * @member {string} specHash
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.specHash = "";

            /**
             * ManagedContainer health.
             * @member {string} health
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.health = "";

            /**
             * ManagedContainer healthMessage.
             * @member {string} healthMessage
             * @memberof drover.v1.ManagedContainer
             * @instance
             */
            ManagedContainer.prototype.healthMessage = "";

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
                if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash") && message.specHash !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.specHash);
                if (message.health != null && $Object.hasOwnProperty.call(message, "health") && message.health !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.health);
                if (message.healthMessage != null && $Object.hasOwnProperty.call(message, "healthMessage") && message.healthMessage !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.healthMessage);
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
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.specHash = value;
                            else
                                delete message.specHash;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.health = value;
                            else
                                delete message.health;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.healthMessage = value;
                            else
                                delete message.healthMessage;
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
         * @property {number} FAILURE_APPLY=7 FAILURE_APPLY value
         * @property {number} FAILURE_NOT_FOUND=8 FAILURE_NOT_FOUND value
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
            values[valuesById[7] = "FAILURE_APPLY"] = 7;
            values[valuesById[8] = "FAILURE_NOT_FOUND"] = 8;
            return values;
        })();

        v1.Failure = (function() {

            /**
             * Properties of a Failure.
             * @typedef {Object} drover.v1.Failure.$Properties
             * @property {drover.v1.FailureCode|null} [code] Failure code
             * @property {string|null} [message] Failure message
             * @property {drover.v1.FailureDetail.$Properties|null} [detail] Failure detail
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
             * Failure detail.
             * @member {drover.v1.FailureDetail.$Properties|null|undefined} detail
             * @memberof drover.v1.Failure
             * @instance
             */
            Failure.prototype.detail = null;

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
                if (message.detail != null && $Object.hasOwnProperty.call(message, "detail"))
                    $root.drover.v1.FailureDetail.encode(message.detail, writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
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
                    case 3: {
                            if (wireType !== 2)
                                break;
                            message.detail = $root.drover.v1.FailureDetail.decode(reader, reader.size(), $undefined, _depth + 1, message.detail);
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

        v1.FailureDetail = (function() {

            /**
             * Properties of a FailureDetail.
             * @typedef {Object} drover.v1.FailureDetail.$Properties
             * @property {string|null} [container] FailureDetail container
             * @property {Array.<string>|null} [logTail] FailureDetail logTail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a FailureDetail.
             * @memberof drover.v1
             * @interface IFailureDetail
             * @augments drover.v1.FailureDetail.$Properties
             * @deprecated Use drover.v1.FailureDetail.$Properties instead.
             */

            /**
             * Shape of a FailureDetail.
             * @typedef {drover.v1.FailureDetail.$Properties} drover.v1.FailureDetail.$Shape
             */

            /**
             * Constructs a new FailureDetail.
             * @memberof drover.v1
             * @classdesc Represents a FailureDetail.
             * @constructor
             * @param {drover.v1.FailureDetail.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const FailureDetail = function (properties) {
                this.logTail = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * FailureDetail container.
             * @member {string} container
             * @memberof drover.v1.FailureDetail
             * @instance
             */
            FailureDetail.prototype.container = "";

            /**
             * FailureDetail logTail.
             * @member {Array.<string>} logTail
             * @memberof drover.v1.FailureDetail
             * @instance
             */
            FailureDetail.prototype.logTail = $util.emptyArray;

            /**
             * Encodes the specified FailureDetail message. Does not implicitly {@link drover.v1.FailureDetail.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.FailureDetail
             * @static
             * @param {drover.v1.FailureDetail.$Properties} message FailureDetail message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            FailureDetail.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.container != null && $Object.hasOwnProperty.call(message, "container") && message.container !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.container);
                if (message.logTail != null && message.logTail.length)
                    for (let i = 0; i < message.logTail.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.logTail[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a FailureDetail message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.FailureDetail
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.FailureDetail & drover.v1.FailureDetail.$Shape} FailureDetail
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            FailureDetail.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.FailureDetail();
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
                                message.container = value;
                            else
                                delete message.container;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.logTail && message.logTail.length))
                                message.logTail = [];
                            message.logTail.push(reader.stringVerify());
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

            return FailureDetail;
        })();

        v1.ApplyPlan = (function() {

            /**
             * Properties of an ApplyPlan.
             * @typedef {Object} drover.v1.ApplyPlan.$Properties
             * @property {string|null} [planHash] ApplyPlan planHash
             * @property {Array.<drover.v1.PlanContainerSpec.$Properties>|null} [containers] ApplyPlan containers
             * @property {Array.<drover.v1.PlanFileContent.$Properties>|null} [files] ApplyPlan files
             * @property {Array.<drover.v1.RegistryAuth.$Properties>|null} [registryAuths] ApplyPlan registryAuths
             * @property {boolean|null} [prune] ApplyPlan prune
             * @property {boolean|null} [waitHealthy] ApplyPlan waitHealthy
             * @property {number|null} [healthTimeoutMs] ApplyPlan healthTimeoutMs
             * @property {boolean|null} [complete] ApplyPlan complete
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of an ApplyPlan.
             * @memberof drover.v1
             * @interface IApplyPlan
             * @augments drover.v1.ApplyPlan.$Properties
             * @deprecated Use drover.v1.ApplyPlan.$Properties instead.
             */

            /**
             * Shape of an ApplyPlan.
             * @typedef {drover.v1.ApplyPlan.$Properties} drover.v1.ApplyPlan.$Shape
             */

            /**
             * Constructs a new ApplyPlan.
             * @memberof drover.v1
             * @classdesc Represents an ApplyPlan.
             * @constructor
             * @param {drover.v1.ApplyPlan.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ApplyPlan = function (properties) {
                this.containers = [];
                this.files = [];
                this.registryAuths = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ApplyPlan planHash.
             * @member {string} planHash
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.planHash = "";

            /**
             * ApplyPlan containers.
             * @member {Array.<drover.v1.PlanContainerSpec.$Properties>} containers
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.containers = $util.emptyArray;

            /**
             * ApplyPlan files.
             * @member {Array.<drover.v1.PlanFileContent.$Properties>} files
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.files = $util.emptyArray;

            /**
             * ApplyPlan registryAuths.
             * @member {Array.<drover.v1.RegistryAuth.$Properties>} registryAuths
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.registryAuths = $util.emptyArray;

            /**
             * ApplyPlan prune.
             * @member {boolean} prune
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.prune = false;

            /**
             * ApplyPlan waitHealthy.
             * @member {boolean} waitHealthy
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.waitHealthy = false;

            /**
             * ApplyPlan healthTimeoutMs.
             * @member {number} healthTimeoutMs
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.healthTimeoutMs = 0;

            /**
             * ApplyPlan complete.
             * @member {boolean} complete
             * @memberof drover.v1.ApplyPlan
             * @instance
             */
            ApplyPlan.prototype.complete = false;

            /**
             * Encodes the specified ApplyPlan message. Does not implicitly {@link drover.v1.ApplyPlan.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.ApplyPlan
             * @static
             * @param {drover.v1.ApplyPlan.$Properties} message ApplyPlan message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ApplyPlan.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.planHash != null && $Object.hasOwnProperty.call(message, "planHash") && message.planHash !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.planHash);
                if (message.containers != null && message.containers.length)
                    for (let i = 0; i < message.containers.length; ++i)
                        $root.drover.v1.PlanContainerSpec.encode(message.containers[i], writer.uint32(/* id 2, wireType 2 =*/18).fork(), _depth + 1).ldelim();
                if (message.files != null && message.files.length)
                    for (let i = 0; i < message.files.length; ++i)
                        $root.drover.v1.PlanFileContent.encode(message.files[i], writer.uint32(/* id 3, wireType 2 =*/26).fork(), _depth + 1).ldelim();
                if (message.registryAuths != null && message.registryAuths.length)
                    for (let i = 0; i < message.registryAuths.length; ++i)
                        $root.drover.v1.RegistryAuth.encode(message.registryAuths[i], writer.uint32(/* id 4, wireType 2 =*/34).fork(), _depth + 1).ldelim();
                if (message.prune != null && $Object.hasOwnProperty.call(message, "prune") && message.prune !== false)
                    writer.uint32(/* id 5, wireType 0 =*/40).bool(message.prune);
                if (message.waitHealthy != null && $Object.hasOwnProperty.call(message, "waitHealthy") && message.waitHealthy !== false)
                    writer.uint32(/* id 6, wireType 0 =*/48).bool(message.waitHealthy);
                if (message.healthTimeoutMs != null && $Object.hasOwnProperty.call(message, "healthTimeoutMs") && message.healthTimeoutMs !== 0)
                    writer.uint32(/* id 7, wireType 0 =*/56).uint32(message.healthTimeoutMs);
                if (message.complete != null && $Object.hasOwnProperty.call(message, "complete") && message.complete !== false)
                    writer.uint32(/* id 8, wireType 0 =*/64).bool(message.complete);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes an ApplyPlan message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.ApplyPlan
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.ApplyPlan & drover.v1.ApplyPlan.$Shape} ApplyPlan
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ApplyPlan.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.ApplyPlan();
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
                                message.planHash = value;
                            else
                                delete message.planHash;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.containers && message.containers.length))
                                message.containers = [];
                            message.containers.push($root.drover.v1.PlanContainerSpec.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.files && message.files.length))
                                message.files = [];
                            message.files.push($root.drover.v1.PlanFileContent.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.registryAuths && message.registryAuths.length))
                                message.registryAuths = [];
                            message.registryAuths.push($root.drover.v1.RegistryAuth.decode(reader, reader.size(), $undefined, _depth + 1));
                            continue;
                        }
                    case 5: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.prune = value;
                            else
                                delete message.prune;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.waitHealthy = value;
                            else
                                delete message.waitHealthy;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.healthTimeoutMs = value;
                            else
                                delete message.healthTimeoutMs;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.complete = value;
                            else
                                delete message.complete;
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

            return ApplyPlan;
        })();

        v1.PlanContainerSpec = (function() {

            /**
             * Properties of a PlanContainerSpec.
             * @typedef {Object} drover.v1.PlanContainerSpec.$Properties
             * @property {string|null} [name] PlanContainerSpec name
             * @property {string|null} [image] PlanContainerSpec image
             * @property {Array.<string>|null} [entrypoint] PlanContainerSpec entrypoint
             * @property {Array.<string>|null} [args] PlanContainerSpec args
             * @property {Array.<string>|null} [env] PlanContainerSpec env
             * @property {Array.<string>|null} [binds] PlanContainerSpec binds
             * @property {string|null} [networkMode] PlanContainerSpec networkMode
             * @property {string|null} [pidMode] PlanContainerSpec pidMode
             * @property {boolean|null} [privileged] PlanContainerSpec privileged
             * @property {string|null} [restartPolicy] PlanContainerSpec restartPolicy
             * @property {Object.<string,string>|null} [labels] PlanContainerSpec labels
             * @property {drover.v1.HealthCheckSpec.$Properties|null} [healthCheck] PlanContainerSpec healthCheck
             * @property {string|null} [specHash] PlanContainerSpec specHash
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PlanContainerSpec.
             * @memberof drover.v1
             * @interface IPlanContainerSpec
             * @augments drover.v1.PlanContainerSpec.$Properties
             * @deprecated Use drover.v1.PlanContainerSpec.$Properties instead.
             */

            /**
             * Shape of a PlanContainerSpec.
             * @typedef {drover.v1.PlanContainerSpec.$Properties} drover.v1.PlanContainerSpec.$Shape
             */

            /**
             * Constructs a new PlanContainerSpec.
             * @memberof drover.v1
             * @classdesc Represents a PlanContainerSpec.
             * @constructor
             * @param {drover.v1.PlanContainerSpec.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PlanContainerSpec = function (properties) {
                this.entrypoint = [];
                this.args = [];
                this.env = [];
                this.binds = [];
                this.labels = {};
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PlanContainerSpec name.
             * @member {string} name
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.name = "";

            /**
             * PlanContainerSpec image.
             * @member {string} image
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.image = "";

            /**
             * PlanContainerSpec entrypoint.
             * @member {Array.<string>} entrypoint
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.entrypoint = $util.emptyArray;

            /**
             * PlanContainerSpec args.
             * @member {Array.<string>} args
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.args = $util.emptyArray;

            /**
             * PlanContainerSpec env.
             * @member {Array.<string>} env
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.env = $util.emptyArray;

            /**
             * PlanContainerSpec binds.
             * @member {Array.<string>} binds
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.binds = $util.emptyArray;

            /**
             * PlanContainerSpec networkMode.
             * @member {string} networkMode
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.networkMode = "";

            /**
             * PlanContainerSpec pidMode.
             * @member {string} pidMode
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.pidMode = "";

            /**
             * PlanContainerSpec privileged.
             * @member {boolean} privileged
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.privileged = false;

            /**
             * PlanContainerSpec restartPolicy.
             * @member {string} restartPolicy
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.restartPolicy = "";

            /**
             * PlanContainerSpec labels.
             * @member {Object.<string,string>} labels
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.labels = $util.emptyObject;

            /**
             * PlanContainerSpec healthCheck.
             * @member {drover.v1.HealthCheckSpec.$Properties|null|undefined} healthCheck
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.healthCheck = null;

            /**
             * PlanContainerSpec specHash.
             * @member {string} specHash
             * @memberof drover.v1.PlanContainerSpec
             * @instance
             */
            PlanContainerSpec.prototype.specHash = "";

            /**
             * Encodes the specified PlanContainerSpec message. Does not implicitly {@link drover.v1.PlanContainerSpec.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.PlanContainerSpec
             * @static
             * @param {drover.v1.PlanContainerSpec.$Properties} message PlanContainerSpec message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlanContainerSpec.encode = function (message, writer, _depth) {
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
                if (message.entrypoint != null && message.entrypoint.length)
                    for (let i = 0; i < message.entrypoint.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.entrypoint[i]);
                if (message.args != null && message.args.length)
                    for (let i = 0; i < message.args.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.args[i]);
                if (message.env != null && message.env.length)
                    for (let i = 0; i < message.env.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.env[i]);
                if (message.binds != null && message.binds.length)
                    for (let i = 0; i < message.binds.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.binds[i]);
                if (message.networkMode != null && $Object.hasOwnProperty.call(message, "networkMode") && message.networkMode !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.networkMode);
                if (message.pidMode != null && $Object.hasOwnProperty.call(message, "pidMode") && message.pidMode !== "")
                    writer.uint32(/* id 8, wireType 2 =*/66).string(message.pidMode);
                if (message.privileged != null && $Object.hasOwnProperty.call(message, "privileged") && message.privileged !== false)
                    writer.uint32(/* id 9, wireType 0 =*/72).bool(message.privileged);
                if (message.restartPolicy != null && $Object.hasOwnProperty.call(message, "restartPolicy") && message.restartPolicy !== "")
                    writer.uint32(/* id 10, wireType 2 =*/82).string(message.restartPolicy);
                if (message.labels != null && $Object.hasOwnProperty.call(message, "labels"))
                    for (let keys = $Object.keys(message.labels), i = 0; i < keys.length; ++i)
                        writer.uint32(/* id 11, wireType 2 =*/90).fork().uint32(/* id 1, wireType 2 =*/10).string(keys[i]).uint32(/* id 2, wireType 2 =*/18).string(message.labels[keys[i]]).ldelim();
                if (message.healthCheck != null && $Object.hasOwnProperty.call(message, "healthCheck"))
                    $root.drover.v1.HealthCheckSpec.encode(message.healthCheck, writer.uint32(/* id 12, wireType 2 =*/98).fork(), _depth + 1).ldelim();
                if (message.specHash != null && $Object.hasOwnProperty.call(message, "specHash") && message.specHash !== "")
                    writer.uint32(/* id 13, wireType 2 =*/106).string(message.specHash);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PlanContainerSpec message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.PlanContainerSpec
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.PlanContainerSpec & drover.v1.PlanContainerSpec.$Shape} PlanContainerSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlanContainerSpec.decode = function (reader, length, _end, _depth, _target) {
                if (!(reader instanceof $Reader))
                    reader = $Reader.create(reader);
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $Reader.recursionLimit)
                    throw $Error("max depth exceeded");
                let end, message, key, value;
                if (length === $undefined)
                    end = reader.len;
                else {
                    end = reader.pos + length;
                    if (end > reader.len)
                        throw $RangeError("index out of range");
                    length = reader.len;
                    reader.len = end;
                }
                message = _target || new $root.drover.v1.PlanContainerSpec();
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
                            if (!(message.entrypoint && message.entrypoint.length))
                                message.entrypoint = [];
                            message.entrypoint.push(reader.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.args && message.args.length))
                                message.args = [];
                            message.args.push(reader.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.env && message.env.length))
                                message.env = [];
                            message.env.push(reader.stringVerify());
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.binds && message.binds.length))
                                message.binds = [];
                            message.binds.push(reader.stringVerify());
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.networkMode = value;
                            else
                                delete message.networkMode;
                            continue;
                        }
                    case 8: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.pidMode = value;
                            else
                                delete message.pidMode;
                            continue;
                        }
                    case 9: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.bool())
                                message.privileged = value;
                            else
                                delete message.privileged;
                            continue;
                        }
                    case 10: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.restartPolicy = value;
                            else
                                delete message.restartPolicy;
                            continue;
                        }
                    case 11: {
                            if (wireType !== 2)
                                break;
                            if (message.labels === $util.emptyObject)
                                message.labels = {};
                            let end2 = reader.size() + reader.pos;
                            if (end2 > reader.len)
                                throw $RangeError("index out of range");
                            reader.len = end2;
                            key = "";
                            value = "";
                            while (reader.pos < end2) {
                                let tag2 = reader.tag();
                                wireType = tag2 & 7;
                                switch (tag2 >>>= 3) {
                                case 1:
                                    if (wireType !== 2)
                                        break;
                                    key = reader.stringVerify();
                                    continue;
                                case 2:
                                    if (wireType !== 2)
                                        break;
                                    value = reader.stringVerify();
                                    continue;
                                }
                                reader.skipType(wireType, _depth, tag2);
                            }
                            if (reader.pos !== end2)
                                throw $RangeError("index out of range");
                            reader.len = end;
                            if (key === "__proto__")
                                $util.makeProp(message.labels, key);
                            message.labels[key] = value;
                            continue;
                        }
                    case 12: {
                            if (wireType !== 2)
                                break;
                            message.healthCheck = $root.drover.v1.HealthCheckSpec.decode(reader, reader.size(), $undefined, _depth + 1, message.healthCheck);
                            continue;
                        }
                    case 13: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.specHash = value;
                            else
                                delete message.specHash;
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

            return PlanContainerSpec;
        })();

        v1.HealthCheckSpec = (function() {

            /**
             * Properties of a HealthCheckSpec.
             * @typedef {Object} drover.v1.HealthCheckSpec.$Properties
             * @property {string|null} [type] HealthCheckSpec type
             * @property {string|null} [url] HealthCheckSpec url
             * @property {string|null} [address] HealthCheckSpec address
             * @property {string|null} [path] HealthCheckSpec path
             * @property {string|null} [caFile] HealthCheckSpec caFile
             * @property {string|null} [certFile] HealthCheckSpec certFile
             * @property {string|null} [keyFile] HealthCheckSpec keyFile
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a HealthCheckSpec.
             * @memberof drover.v1
             * @interface IHealthCheckSpec
             * @augments drover.v1.HealthCheckSpec.$Properties
             * @deprecated Use drover.v1.HealthCheckSpec.$Properties instead.
             */

            /**
             * Shape of a HealthCheckSpec.
             * @typedef {drover.v1.HealthCheckSpec.$Properties} drover.v1.HealthCheckSpec.$Shape
             */

            /**
             * Constructs a new HealthCheckSpec.
             * @memberof drover.v1
             * @classdesc Represents a HealthCheckSpec.
             * @constructor
             * @param {drover.v1.HealthCheckSpec.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const HealthCheckSpec = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * HealthCheckSpec type.
             * @member {string} type
             * @memberof drover.v1.HealthCheckSpec
             * @instance
             */
            HealthCheckSpec.prototype.type = "";

            /**
             * HealthCheckSpec url.
             * @member {string} url
             * @memberof drover.v1.HealthCheckSpec
             * @instance
             */
            HealthCheckSpec.prototype.url = "";

            /**
             * HealthCheckSpec address.
             * @member {string} address
             * @memberof drover.v1.HealthCheckSpec
             * @instance
             */
            HealthCheckSpec.prototype.address = "";

            /**
             * HealthCheckSpec path.
             * @member {string} path
             * @memberof drover.v1.HealthCheckSpec
             * @instance
             */
            HealthCheckSpec.prototype.path = "";

            /**
             * HealthCheckSpec caFile.
             * @member {string} caFile
             * @memberof drover.v1.HealthCheckSpec
             * @instance
             */
            HealthCheckSpec.prototype.caFile = "";

            /**
             * HealthCheckSpec certFile.
             * @member {string} certFile
             * @memberof drover.v1.HealthCheckSpec
             * @instance
             */
            HealthCheckSpec.prototype.certFile = "";

            /**
             * HealthCheckSpec keyFile.
             * @member {string} keyFile
             * @memberof drover.v1.HealthCheckSpec
             * @instance
             */
            HealthCheckSpec.prototype.keyFile = "";

            /**
             * Encodes the specified HealthCheckSpec message. Does not implicitly {@link drover.v1.HealthCheckSpec.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.HealthCheckSpec
             * @static
             * @param {drover.v1.HealthCheckSpec.$Properties} message HealthCheckSpec message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            HealthCheckSpec.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.type != null && $Object.hasOwnProperty.call(message, "type") && message.type !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.type);
                if (message.url != null && $Object.hasOwnProperty.call(message, "url") && message.url !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.url);
                if (message.address != null && $Object.hasOwnProperty.call(message, "address") && message.address !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.address);
                if (message.path != null && $Object.hasOwnProperty.call(message, "path") && message.path !== "")
                    writer.uint32(/* id 4, wireType 2 =*/34).string(message.path);
                if (message.caFile != null && $Object.hasOwnProperty.call(message, "caFile") && message.caFile !== "")
                    writer.uint32(/* id 5, wireType 2 =*/42).string(message.caFile);
                if (message.certFile != null && $Object.hasOwnProperty.call(message, "certFile") && message.certFile !== "")
                    writer.uint32(/* id 6, wireType 2 =*/50).string(message.certFile);
                if (message.keyFile != null && $Object.hasOwnProperty.call(message, "keyFile") && message.keyFile !== "")
                    writer.uint32(/* id 7, wireType 2 =*/58).string(message.keyFile);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a HealthCheckSpec message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.HealthCheckSpec
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.HealthCheckSpec & drover.v1.HealthCheckSpec.$Shape} HealthCheckSpec
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            HealthCheckSpec.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.HealthCheckSpec();
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
                                message.type = value;
                            else
                                delete message.type;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.url = value;
                            else
                                delete message.url;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.address = value;
                            else
                                delete message.address;
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.path = value;
                            else
                                delete message.path;
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.caFile = value;
                            else
                                delete message.caFile;
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.certFile = value;
                            else
                                delete message.certFile;
                            continue;
                        }
                    case 7: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.keyFile = value;
                            else
                                delete message.keyFile;
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

            return HealthCheckSpec;
        })();

        v1.PlanFileContent = (function() {

            /**
             * Properties of a PlanFileContent.
             * @typedef {Object} drover.v1.PlanFileContent.$Properties
             * @property {string|null} [path] PlanFileContent path
             * @property {number|null} [mode] PlanFileContent mode
             * @property {Uint8Array|null} [content] PlanFileContent content
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PlanFileContent.
             * @memberof drover.v1
             * @interface IPlanFileContent
             * @augments drover.v1.PlanFileContent.$Properties
             * @deprecated Use drover.v1.PlanFileContent.$Properties instead.
             */

            /**
             * Shape of a PlanFileContent.
             * @typedef {drover.v1.PlanFileContent.$Properties} drover.v1.PlanFileContent.$Shape
             */

            /**
             * Constructs a new PlanFileContent.
             * @memberof drover.v1
             * @classdesc Represents a PlanFileContent.
             * @constructor
             * @param {drover.v1.PlanFileContent.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PlanFileContent = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PlanFileContent path.
             * @member {string} path
             * @memberof drover.v1.PlanFileContent
             * @instance
             */
            PlanFileContent.prototype.path = "";

            /**
             * PlanFileContent mode.
             * @member {number} mode
             * @memberof drover.v1.PlanFileContent
             * @instance
             */
            PlanFileContent.prototype.mode = 0;

            /**
             * PlanFileContent content.
             * @member {Uint8Array} content
             * @memberof drover.v1.PlanFileContent
             * @instance
             */
            PlanFileContent.prototype.content = $util.newBuffer([]);

            /**
             * Encodes the specified PlanFileContent message. Does not implicitly {@link drover.v1.PlanFileContent.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.PlanFileContent
             * @static
             * @param {drover.v1.PlanFileContent.$Properties} message PlanFileContent message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlanFileContent.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.path != null && $Object.hasOwnProperty.call(message, "path") && message.path !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.path);
                if (message.mode != null && $Object.hasOwnProperty.call(message, "mode") && message.mode !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.mode);
                if (message.content != null && $Object.hasOwnProperty.call(message, "content") && message.content.length)
                    writer.uint32(/* id 3, wireType 2 =*/26).bytes(message.content);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PlanFileContent message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.PlanFileContent
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.PlanFileContent & drover.v1.PlanFileContent.$Shape} PlanFileContent
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlanFileContent.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.PlanFileContent();
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
                    case 2: {
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.mode = value;
                            else
                                delete message.mode;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.bytes()).length)
                                message.content = value;
                            else
                                delete message.content;
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

            return PlanFileContent;
        })();

        v1.RegistryAuth = (function() {

            /**
             * Properties of a RegistryAuth.
             * @typedef {Object} drover.v1.RegistryAuth.$Properties
             * @property {string|null} [registry] RegistryAuth registry
             * @property {string|null} [username] RegistryAuth username
             * @property {string|null} [password] RegistryAuth password
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a RegistryAuth.
             * @memberof drover.v1
             * @interface IRegistryAuth
             * @augments drover.v1.RegistryAuth.$Properties
             * @deprecated Use drover.v1.RegistryAuth.$Properties instead.
             */

            /**
             * Shape of a RegistryAuth.
             * @typedef {drover.v1.RegistryAuth.$Properties} drover.v1.RegistryAuth.$Shape
             */

            /**
             * Constructs a new RegistryAuth.
             * @memberof drover.v1
             * @classdesc Represents a RegistryAuth.
             * @constructor
             * @param {drover.v1.RegistryAuth.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const RegistryAuth = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * RegistryAuth registry.
             * @member {string} registry
             * @memberof drover.v1.RegistryAuth
             * @instance
             */
            RegistryAuth.prototype.registry = "";

            /**
             * RegistryAuth username.
             * @member {string} username
             * @memberof drover.v1.RegistryAuth
             * @instance
             */
            RegistryAuth.prototype.username = "";

            /**
             * RegistryAuth password.
             * @member {string} password
             * @memberof drover.v1.RegistryAuth
             * @instance
             */
            RegistryAuth.prototype.password = "";

            /**
             * Encodes the specified RegistryAuth message. Does not implicitly {@link drover.v1.RegistryAuth.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.RegistryAuth
             * @static
             * @param {drover.v1.RegistryAuth.$Properties} message RegistryAuth message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            RegistryAuth.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.registry != null && $Object.hasOwnProperty.call(message, "registry") && message.registry !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.registry);
                if (message.username != null && $Object.hasOwnProperty.call(message, "username") && message.username !== "")
                    writer.uint32(/* id 2, wireType 2 =*/18).string(message.username);
                if (message.password != null && $Object.hasOwnProperty.call(message, "password") && message.password !== "")
                    writer.uint32(/* id 3, wireType 2 =*/26).string(message.password);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a RegistryAuth message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.RegistryAuth
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.RegistryAuth & drover.v1.RegistryAuth.$Shape} RegistryAuth
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            RegistryAuth.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.RegistryAuth();
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
                                message.registry = value;
                            else
                                delete message.registry;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.username = value;
                            else
                                delete message.username;
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if ((value = reader.stringVerify()).length)
                                message.password = value;
                            else
                                delete message.password;
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

            return RegistryAuth;
        })();

        v1.PlanApplied = (function() {

            /**
             * Properties of a PlanApplied.
             * @typedef {Object} drover.v1.PlanApplied.$Properties
             * @property {string|null} [planHash] PlanApplied planHash
             * @property {Array.<string>|null} [created] PlanApplied created
             * @property {Array.<string>|null} [replaced] PlanApplied replaced
             * @property {Array.<string>|null} [removed] PlanApplied removed
             * @property {Array.<string>|null} [unchanged] PlanApplied unchanged
             * @property {Array.<string>|null} [filesWritten] PlanApplied filesWritten
             * @property {Array.<drover.v1.ManagedContainer.$Properties>|null} [containers] PlanApplied containers
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a PlanApplied.
             * @memberof drover.v1
             * @interface IPlanApplied
             * @augments drover.v1.PlanApplied.$Properties
             * @deprecated Use drover.v1.PlanApplied.$Properties instead.
             */

            /**
             * Shape of a PlanApplied.
             * @typedef {drover.v1.PlanApplied.$Properties} drover.v1.PlanApplied.$Shape
             */

            /**
             * Constructs a new PlanApplied.
             * @memberof drover.v1
             * @classdesc Represents a PlanApplied.
             * @constructor
             * @param {drover.v1.PlanApplied.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const PlanApplied = function (properties) {
                this.created = [];
                this.replaced = [];
                this.removed = [];
                this.unchanged = [];
                this.filesWritten = [];
                this.containers = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * PlanApplied planHash.
             * @member {string} planHash
             * @memberof drover.v1.PlanApplied
             * @instance
             */
            PlanApplied.prototype.planHash = "";

            /**
             * PlanApplied created.
             * @member {Array.<string>} created
             * @memberof drover.v1.PlanApplied
             * @instance
             */
            PlanApplied.prototype.created = $util.emptyArray;

            /**
             * PlanApplied replaced.
             * @member {Array.<string>} replaced
             * @memberof drover.v1.PlanApplied
             * @instance
             */
            PlanApplied.prototype.replaced = $util.emptyArray;

            /**
             * PlanApplied removed.
             * @member {Array.<string>} removed
             * @memberof drover.v1.PlanApplied
             * @instance
             */
            PlanApplied.prototype.removed = $util.emptyArray;

            /**
             * PlanApplied unchanged.
             * @member {Array.<string>} unchanged
             * @memberof drover.v1.PlanApplied
             * @instance
             */
            PlanApplied.prototype.unchanged = $util.emptyArray;

            /**
             * PlanApplied filesWritten.
             * @member {Array.<string>} filesWritten
             * @memberof drover.v1.PlanApplied
             * @instance
             */
            PlanApplied.prototype.filesWritten = $util.emptyArray;

            /**
             * PlanApplied containers.
             * @member {Array.<drover.v1.ManagedContainer.$Properties>} containers
             * @memberof drover.v1.PlanApplied
             * @instance
             */
            PlanApplied.prototype.containers = $util.emptyArray;

            /**
             * Encodes the specified PlanApplied message. Does not implicitly {@link drover.v1.PlanApplied.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.PlanApplied
             * @static
             * @param {drover.v1.PlanApplied.$Properties} message PlanApplied message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            PlanApplied.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.planHash != null && $Object.hasOwnProperty.call(message, "planHash") && message.planHash !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.planHash);
                if (message.created != null && message.created.length)
                    for (let i = 0; i < message.created.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.created[i]);
                if (message.replaced != null && message.replaced.length)
                    for (let i = 0; i < message.replaced.length; ++i)
                        writer.uint32(/* id 3, wireType 2 =*/26).string(message.replaced[i]);
                if (message.removed != null && message.removed.length)
                    for (let i = 0; i < message.removed.length; ++i)
                        writer.uint32(/* id 4, wireType 2 =*/34).string(message.removed[i]);
                if (message.unchanged != null && message.unchanged.length)
                    for (let i = 0; i < message.unchanged.length; ++i)
                        writer.uint32(/* id 5, wireType 2 =*/42).string(message.unchanged[i]);
                if (message.filesWritten != null && message.filesWritten.length)
                    for (let i = 0; i < message.filesWritten.length; ++i)
                        writer.uint32(/* id 6, wireType 2 =*/50).string(message.filesWritten[i]);
                if (message.containers != null && message.containers.length)
                    for (let i = 0; i < message.containers.length; ++i)
                        $root.drover.v1.ManagedContainer.encode(message.containers[i], writer.uint32(/* id 7, wireType 2 =*/58).fork(), _depth + 1).ldelim();
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a PlanApplied message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.PlanApplied
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.PlanApplied & drover.v1.PlanApplied.$Shape} PlanApplied
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            PlanApplied.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.PlanApplied();
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
                                message.planHash = value;
                            else
                                delete message.planHash;
                            continue;
                        }
                    case 2: {
                            if (wireType !== 2)
                                break;
                            if (!(message.created && message.created.length))
                                message.created = [];
                            message.created.push(reader.stringVerify());
                            continue;
                        }
                    case 3: {
                            if (wireType !== 2)
                                break;
                            if (!(message.replaced && message.replaced.length))
                                message.replaced = [];
                            message.replaced.push(reader.stringVerify());
                            continue;
                        }
                    case 4: {
                            if (wireType !== 2)
                                break;
                            if (!(message.removed && message.removed.length))
                                message.removed = [];
                            message.removed.push(reader.stringVerify());
                            continue;
                        }
                    case 5: {
                            if (wireType !== 2)
                                break;
                            if (!(message.unchanged && message.unchanged.length))
                                message.unchanged = [];
                            message.unchanged.push(reader.stringVerify());
                            continue;
                        }
                    case 6: {
                            if (wireType !== 2)
                                break;
                            if (!(message.filesWritten && message.filesWritten.length))
                                message.filesWritten = [];
                            message.filesWritten.push(reader.stringVerify());
                            continue;
                        }
                    case 7: {
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

            return PlanApplied;
        })();

        v1.ContainerLogs = (function() {

            /**
             * Properties of a ContainerLogs.
             * @typedef {Object} drover.v1.ContainerLogs.$Properties
             * @property {string|null} [name] ContainerLogs name
             * @property {number|null} [tail] ContainerLogs tail
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContainerLogs.
             * @memberof drover.v1
             * @interface IContainerLogs
             * @augments drover.v1.ContainerLogs.$Properties
             * @deprecated Use drover.v1.ContainerLogs.$Properties instead.
             */

            /**
             * Shape of a ContainerLogs.
             * @typedef {drover.v1.ContainerLogs.$Properties} drover.v1.ContainerLogs.$Shape
             */

            /**
             * Constructs a new ContainerLogs.
             * @memberof drover.v1
             * @classdesc Represents a ContainerLogs.
             * @constructor
             * @param {drover.v1.ContainerLogs.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ContainerLogs = function (properties) {
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ContainerLogs name.
             * @member {string} name
             * @memberof drover.v1.ContainerLogs
             * @instance
             */
            ContainerLogs.prototype.name = "";

            /**
             * ContainerLogs tail.
             * @member {number} tail
             * @memberof drover.v1.ContainerLogs
             * @instance
             */
            ContainerLogs.prototype.tail = 0;

            /**
             * Encodes the specified ContainerLogs message. Does not implicitly {@link drover.v1.ContainerLogs.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.ContainerLogs
             * @static
             * @param {drover.v1.ContainerLogs.$Properties} message ContainerLogs message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContainerLogs.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.tail != null && $Object.hasOwnProperty.call(message, "tail") && message.tail !== 0)
                    writer.uint32(/* id 2, wireType 0 =*/16).uint32(message.tail);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ContainerLogs message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.ContainerLogs
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.ContainerLogs & drover.v1.ContainerLogs.$Shape} ContainerLogs
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContainerLogs.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.ContainerLogs();
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
                            if (wireType !== 0)
                                break;
                            if (value = reader.uint32())
                                message.tail = value;
                            else
                                delete message.tail;
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

            return ContainerLogs;
        })();

        v1.ContainerLogsReply = (function() {

            /**
             * Properties of a ContainerLogsReply.
             * @typedef {Object} drover.v1.ContainerLogsReply.$Properties
             * @property {string|null} [name] ContainerLogsReply name
             * @property {Array.<string>|null} [lines] ContainerLogsReply lines
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */

            /**
             * Properties of a ContainerLogsReply.
             * @memberof drover.v1
             * @interface IContainerLogsReply
             * @augments drover.v1.ContainerLogsReply.$Properties
             * @deprecated Use drover.v1.ContainerLogsReply.$Properties instead.
             */

            /**
             * Shape of a ContainerLogsReply.
             * @typedef {drover.v1.ContainerLogsReply.$Properties} drover.v1.ContainerLogsReply.$Shape
             */

            /**
             * Constructs a new ContainerLogsReply.
             * @memberof drover.v1
             * @classdesc Represents a ContainerLogsReply.
             * @constructor
             * @param {drover.v1.ContainerLogsReply.$Properties=} [properties] Properties to set
             * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
             */
            const ContainerLogsReply = function (properties) {
                this.lines = [];
                if (properties)
                    for (let keys = $Object.keys(properties), i = 0; i < keys.length; ++i)
                        if (properties[keys[i]] != null && keys[i] !== "__proto__")
                            this[keys[i]] = properties[keys[i]];
            };

            /**
             * ContainerLogsReply name.
             * @member {string} name
             * @memberof drover.v1.ContainerLogsReply
             * @instance
             */
            ContainerLogsReply.prototype.name = "";

            /**
             * ContainerLogsReply lines.
             * @member {Array.<string>} lines
             * @memberof drover.v1.ContainerLogsReply
             * @instance
             */
            ContainerLogsReply.prototype.lines = $util.emptyArray;

            /**
             * Encodes the specified ContainerLogsReply message. Does not implicitly {@link drover.v1.ContainerLogsReply.verify|verify} messages.
             * @function encode
             * @memberof drover.v1.ContainerLogsReply
             * @static
             * @param {drover.v1.ContainerLogsReply.$Properties} message ContainerLogsReply message or plain object to encode
             * @param {$protobuf.Writer} [writer] Writer to encode to
             * @returns {$protobuf.Writer} Writer
             */
            ContainerLogsReply.encode = function (message, writer, _depth) {
                if (!writer)
                    writer = $Writer.create();
                if (_depth === $undefined)
                    _depth = 0;
                if (_depth > $util.recursionLimit)
                    throw $Error("max depth exceeded");
                if (message.name != null && $Object.hasOwnProperty.call(message, "name") && message.name !== "")
                    writer.uint32(/* id 1, wireType 2 =*/10).string(message.name);
                if (message.lines != null && message.lines.length)
                    for (let i = 0; i < message.lines.length; ++i)
                        writer.uint32(/* id 2, wireType 2 =*/18).string(message.lines[i]);
                if (message.$unknowns != null && $Object.hasOwnProperty.call(message, "$unknowns"))
                    for (let i = 0; i < message.$unknowns.length; ++i)
                        writer.raw(message.$unknowns[i]);
                return writer;
            };

            /**
             * Decodes a ContainerLogsReply message from the specified reader or buffer.
             * @function decode
             * @memberof drover.v1.ContainerLogsReply
             * @static
             * @param {$protobuf.Reader|Uint8Array} reader Reader or buffer to decode from
             * @param {number} [length] Message length if known beforehand
             * @returns {drover.v1.ContainerLogsReply & drover.v1.ContainerLogsReply.$Shape} ContainerLogsReply
             * @throws {Error} If the payload is not a reader or valid buffer
             * @throws {$protobuf.util.ProtocolError} If required fields are missing
             */
            ContainerLogsReply.decode = function (reader, length, _end, _depth, _target) {
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
                message = _target || new $root.drover.v1.ContainerLogsReply();
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
                            if (!(message.lines && message.lines.length))
                                message.lines = [];
                            message.lines.push(reader.stringVerify());
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

            return ContainerLogsReply;
        })();

        return v1;
    })();

    return drover;
})();

export {
  $root as default
};
