import EmbeddedKafka
import Foundation
import Kafka
import NIOCore
import NIOPosix

/// Serves ``ClusterControlCommand``s for one embedded cluster on a loopback port, so `cluster fault`,
/// `status` and `down` in other processes reach it.
///
/// Each connection carries one request line (at most 1 MiB) and gets one reply line; a connection that
/// sends nothing for 5 seconds is closed. Faults run on NIO's blocking thread pool, since the mock cluster
/// answers them from its own thread. Only 127.0.0.1 is bound.
final class ClusterControlServer: Sendable {
    /// The bound port.
    let port: Int
    private let cluster: EmbeddedCluster
    private let listener: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>

    private init(cluster: EmbeddedCluster, listener: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>) {
        self.cluster = cluster
        self.listener = listener
        self.port = listener.channel.localAddress?.port ?? 0
    }

    /// Binds 127.0.0.1 on `port` (0 picks a free one).
    /// - Throws: ``CLIError`` when the port is taken.
    static func bind(cluster: EmbeddedCluster, port: Int) async throws -> ClusterControlServer {
        do {
            let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
            return ClusterControlServer(cluster: cluster, listener: listener)
        } catch {
            throw CLIError.commandFailed("could not listen on 127.0.0.1:\(port) for control commands: \(error)")
        }
    }

    /// The cluster's current state.
    var status: ClusterStatus {
        ClusterStatus(
            bootstrapServers: cluster.bootstrapServers, brokers: cluster.brokerCount,
            downBrokers: cluster.downBrokers.sorted(), topics: cluster.topics, controlPort: port,
            processId: ProcessInfo.processInfo.processIdentifier)
    }

    /// Serves connections until ``stop()``; calls `onShutdown` when a client asks the cluster to stop.
    func serve(onShutdown: @escaping @Sendable () -> Void) async {
        try? await withThrowingDiscardingTaskGroup { group in
            try await listener.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask { await self.handle(connection, onShutdown: onShutdown) }
                }
            }
        }
    }

    /// Stops accepting connections; ``serve(onShutdown:)`` returns once the open ones are answered.
    func stop() {
        listener.channel.close(promise: nil)
    }

    private func handle(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, onShutdown: @Sendable () -> Void) async {
        let channel = connection.channel
        let idle = channel.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
        defer { idle.cancel() }
        let stopAfterReply = try? await connection.executeThenClose { inbound, outbound -> Bool in
            var lines = inbound.makeAsyncIterator()
            guard let line = try await lines.next() else { return false }
            let (reply, stop) = await answer(Data(line.readableBytesView))
            var encoded = try JSONEncoder().encode(reply)
            encoded.append(0x0A)
            try await outbound.write(ByteBuffer(bytes: encoded))
            return stop
        }
        if stopAfterReply == true { onShutdown() }
    }

    private func answer(_ line: Data) async -> (ClusterControlReply, stop: Bool) {
        let command: ClusterControlCommand
        do {
            command = try JSONDecoder().decode(ClusterControlCommand.self, from: line)
        } catch {
            return (ClusterControlReply(ok: false, message: "malformed request: \(error)"), false)
        }
        switch command {
        case .fault(let fault):
            let cluster = self.cluster
            do {
                try await NIOThreadPool.singleton.runIfActive { try fault.apply(to: cluster) }
                return (ClusterControlReply(ok: true, message: fault.description), false)
            } catch let error as KafkaError {
                return (ClusterControlReply(ok: false, message: error.message), false)
            } catch {
                return (ClusterControlReply(ok: false, message: "\(error)"), false)
            }
        case .status:
            return (ClusterControlReply(ok: true, message: "running", status: status), false)
        case .shutdown:
            return (ClusterControlReply(ok: true, message: "stopping"), true)
        }
    }
}

/// Splits a byte stream into lines without their `\n`, refusing a line longer than `maximumLength`.
struct LineFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// The longest line accepted.
    var maximumLength = 1 << 20

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maximumLength { throw CLIError.commandFailed("a control line exceeds \(maximumLength) bytes") }
            return .needMoreData
        }
        let length = end - buffer.readerIndex
        let line = buffer.readSlice(length: length)!
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(line))
        return .continue
    }
}

/// Sends ``ClusterControlCommand``s to a cluster's control port.
enum ClusterControlClient {
    /// Sends one command and returns the reply; a refused connection fails at once.
    /// - Throws: ``CLIError/notAnswering(_:)`` when nothing answers on the port within 10 seconds.
    static func send(_ command: ClusterControlCommand, port: Int) async throws -> ClusterControlReply {
        let request = try JSONEncoder().encode(command) + Data([0x0A])
        let connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            connection = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(2))
                .connect(host: "127.0.0.1", port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw CLIError.notAnswering("nothing answers on control port 127.0.0.1:\(port) (\(error))")
        }
        let channel = connection.channel
        let deadline = channel.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
        defer { deadline.cancel() }
        let line: ByteBuffer? = try await connection.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: request))
            var lines = inbound.makeAsyncIterator()
            return try await lines.next()
        }
        guard let line else {
            throw CLIError.notAnswering("the cluster on control port \(port) closed the connection without answering")
        }
        return try JSONDecoder().decode(ClusterControlReply.self, from: Data(line.readableBytesView))
    }
}
