import CorridorISO8583
import Logging
import NIOCore

/// One acquirer connection: reads frames, answers each request through the handler, writes the answers back in
/// request order, and closes the connection on a framing error, an unreadable message or idleness.
///
/// Three tasks share the work: the reader (which also starts one task per request, so that requests of one
/// connection are answered concurrently), the writer, and the idle watchdog. A ``ResponseSequencer`` joins them.
struct ISO8583Connection: Sendable {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    /// Marked on the event loop as bytes arrive, ahead of the reader.
    let readActivity: ISO8583ReadActivity
    let configuration: ISO8583Server.Configuration
    let handler: any ISO8583RequestHandler
    let logger: Logger

    private enum Role: Sendable { case writer, watchdog }

    /// Serves the connection until it closes; never throws, whatever the peer sends.
    func run() async {
        logger.debug("connection opened")
        do {
            try await channel.executeThenClose { inbound, outbound in
                let sequencer = ResponseSequencer(depthMax: configuration.pipelineDepthMax)
                await withTaskGroup(of: Role.self) { group in
                    group.addTask {
                        await writeAnswers(to: outbound, sequencer: sequencer)
                        return .writer
                    }
                    group.addTask {
                        await closeWhenIdle(sequencer)
                        return .watchdog
                    }
                    await readRequests(inbound, sequencer: sequencer)
                    sequencer.finish()
                    // The writer drains what is left; the watchdog has nothing more to watch once it is done.
                    while let role = await group.next() {
                        if role == .writer { group.cancelAll() }
                    }
                }
            }
        } catch {
            logger.debug("connection ended with an error", metadata: ["error": "\(error)"])
        }
        logger.debug("connection closed")
    }

    // MARK: Reading

    /// Reads frames until the peer closes, the stream breaks or the task is cancelled; returns once every
    /// request it started has completed.
    private func readRequests(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>, sequencer: ResponseSequencer) async {
        var decoder = ISO8583FrameDecoder(framing: configuration.framing, frameSizeMax: configuration.frameSizeMax)
        await withDiscardingTaskGroup { requests in
            var closesAfterAnswers = false
            reading: do {
                for try await buffer in inbound {
                    decoder.append(buffer.readableBytesView)
                    while true {
                        let frame: [UInt8]?
                        do {
                            frame = try decoder.readFrame()
                        } catch {
                            // The length is not sensitive; the bytes after it are never logged.
                            logger.warning(
                                "closing connection: framing error",
                                metadata: ["framing.error": "\(error)", "framing": "\(configuration.framing.rawValue)"])
                            closesAfterAnswers = true
                            break reading
                        }
                        guard let frame else { break }
                        guard let sequence = await sequencer.reserve() else { break reading }
                        requests.addTask {
                            let outcome = await answer(frame)
                            sequencer.complete(sequence, with: outcome)
                        }
                    }
                }
            } catch {
                logger.debug("read failed", metadata: ["error": "\(error)"])
            }
            if closesAfterAnswers, let sequence = await sequencer.reserve() {
                // Requests read before the bad frame are still answered, in order, before the close.
                sequencer.complete(sequence, with: .close)
            } else {
                // The peer is gone (or the server is stopping): nobody will read the answers in progress.
                requests.cancelAll()
            }
        }
    }

    // MARK: Answering

    /// Unpacks one frame and asks the handler; malformed messages are answered here.
    private func answer(_ frame: [UInt8]) async -> RequestOutcome {
        let spec = configuration.spec
        let request: IsoMessage
        do {
            let (message, bytesConsumed) = try spec.unpack(frame)
            guard bytesConsumed == frame.count else {
                logger.warning(
                    "malformed request: bytes after the message",
                    metadata: ["iso8583.mti": "\(message.mti)", "iso8583.offset": "\(bytesConsumed)"])
                let code = ISO8583ErrorResponse.formatErrorCode
                return encode(ISO8583ErrorResponse.response(to: message, responseCode: code))
            }
            request = message
        } catch {
            // ISO8583Error carries a field number and an offset, never a value: safe to log with a PAN inside.
            let metadata: Logger.Metadata = [
                "iso8583.error": "\(error)", "iso8583.field": "\(error.field)", "iso8583.offset": "\(error.offset)",
            ]
            guard let response = ISO8583ErrorResponse.formatError(for: frame, failure: error, spec: spec) else {
                logger.warning("closing connection: unreadable message", metadata: metadata)
                return .close
            }
            logger.warning("malformed request answered with a format error", metadata: metadata)
            return encode(response)
        }
        guard let indicator = try? request.messageTypeIndicator(), indicator.responseMTI != nil else {
            logger.notice("ignoring a message that is not a request", metadata: ["iso8583.mti": "\(request.mti)"])
            return .none
        }
        guard let response = await handler.respond(to: request) else { return .none }
        let outcome = encode(response)
        if case .none = outcome {
            // The handler's answer does not pack: the acquirer still gets an answer it can match.
            return encode(
                ISO8583ErrorResponse.response(to: request, responseCode: ISO8583ErrorResponse.systemMalfunctionCode))
        }
        return outcome
    }

    /// Packs and frames a response; `.none` when there is none or it cannot be sent.
    private func encode(_ response: IsoMessage?) -> RequestOutcome {
        guard let response else { return .none }
        do {
            let body = try configuration.spec.pack(response)
            let header = try configuration.framing.header(length: body.count)
            var buffer = ByteBuffer()
            buffer.reserveCapacity(header.count + body.count)
            buffer.writeBytes(header)
            buffer.writeBytes(body)
            return .write(buffer)
        } catch let error as ISO8583Error {
            logger.error(
                "response does not pack",
                metadata: ["iso8583.mti": "\(response.mti)", "iso8583.error": "\(error)"])
        } catch {
            logger.error("response does not fit the framing", metadata: ["framing.error": "\(error)"])
        }
        return .none
    }

    // MARK: Writing

    /// Writes answers in order, every batch the sequencer hands over with one flush; after a failed write or a
    /// `.close` it keeps draining without writing.
    private func writeAnswers(to outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, sequencer: ResponseSequencer) async {
        var isWritable = true
        var buffers: [ByteBuffer] = []
        while let answers = await sequencer.nextAnswers() {
            // Only `.write` and `.close` reach the writer; each frees its request's slot once handled.
            defer { sequencer.markWritten(answers.count) }
            guard isWritable else { continue }
            buffers.removeAll(keepingCapacity: true)
            var closes = false
            for answer in answers {
                switch answer {
                case .write(let buffer): if !closes { buffers.append(buffer) }
                case .close: closes = true
                case .none: preconditionFailure("the sequencer never hands a dropped request to the writer")
                }
            }
            if !buffers.isEmpty {
                do {
                    try await outbound.write(contentsOf: buffers)
                } catch {
                    logger.debug("write failed", metadata: ["error": "\(error)"])
                    isWritable = false
                    channel.channel.close(promise: nil)
                    continue
                }
            }
            if closes {
                isWritable = false
                outbound.finish()
                channel.channel.close(promise: nil)
            }
        }
    }

    // MARK: Idleness

    /// Closes the connection once it has been quiet for the idle timeout; returns when it does or is cancelled.
    private func closeWhenIdle(_ sequencer: ResponseSequencer) async {
        guard let timeout = configuration.idleTimeout else { return }
        while !Task.isCancelled {
            let now = ContinuousClock.now
            let deadline = sequencer.idleDeadline(timeout: timeout).map { max($0, readActivity.last + timeout) }
            if let deadline, deadline <= now {
                logger.info("closing idle connection", metadata: ["idle.timeout": "\(timeout)"])
                channel.channel.close(promise: nil)
                return
            }
            try? await Task.sleep(until: deadline ?? now + timeout, clock: .continuous)
        }
    }
}
