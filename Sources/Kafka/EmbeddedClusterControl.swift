import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A request to a running embedded cluster's control port: one JSON object per line.
public enum EmbeddedClusterCommand: Sendable, Hashable, Codable {
    /// Apply a fault.
    case fault(EmbeddedClusterFault)
    /// Report the cluster's state.
    case status
    /// Stop the cluster.
    case shutdown
}

/// The answer to an ``EmbeddedClusterCommand``.
public struct EmbeddedClusterReply: Sendable, Hashable, Codable {
    /// Whether the command succeeded.
    public var ok: Bool
    /// What happened, or why it failed.
    public var message: String
    /// The cluster's state, for `status`.
    public var status: EmbeddedClusterStatus?

    /// Creates a reply.
    public init(ok: Bool, message: String, status: EmbeddedClusterStatus? = nil) {
        self.ok = ok
        self.message = message
        self.status = status
    }
}

/// A running embedded cluster's state, as `cluster status` shows it and as recorded in its state file.
public struct EmbeddedClusterStatus: Sendable, Hashable, Codable {
    /// The bootstrap servers.
    public var bootstrapServers: String
    /// How many brokers.
    public var brokers: Int
    /// Brokers currently down.
    public var downBrokers: [Int32]
    /// Topics with their partition counts.
    public var topics: [String: Int]
    /// The loopback port that accepts ``EmbeddedClusterCommand``s.
    public var controlPort: Int
    /// The process id of the process hosting the cluster.
    public var processId: Int32

    /// Creates a status.
    public init(bootstrapServers: String, brokers: Int, downBrokers: [Int32], topics: [String: Int], controlPort: Int, processId: Int32) {
        self.bootstrapServers = bootstrapServers
        self.brokers = brokers
        self.downBrokers = downBrokers
        self.topics = topics
        self.controlPort = controlPort
        self.processId = processId
    }
}

/// Serves ``EmbeddedClusterCommand``s for one cluster on a loopback TCP port, so another process can
/// inject faults (`kafka-skill cluster fault`), read its status, or stop it.
///
/// Connections are served one at a time on a dedicated thread; each carries one request line and gets one
/// reply line. Only 127.0.0.1 is bound.
public final class EmbeddedClusterControlServer: Sendable {
    /// The bound port.
    public let port: Int
    private let socket: Int32
    private let cluster: EmbeddedCluster
    private let shutdownRequested: @Sendable () -> Void
    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1 on `port` (0 picks a free one) and starts serving.
    /// - Parameters:
    ///   - cluster: The cluster to control.
    ///   - port: The port; 0 for any free one.
    ///   - onShutdown: Called when a client asks the cluster to stop.
    public init(cluster: EmbeddedCluster, port: Int = 0, onShutdown: @escaping @Sendable () -> Void) throws {
        let (socket, boundPort) = try LoopbackSocket.makeListener(port: port)
        self.socket = socket
        self.port = boundPort
        self.cluster = cluster
        self.shutdownRequested = onShutdown
        let thread = Thread { [self] in serve() }
        thread.name = "kafka.embedded-cluster.control"
        thread.start()
    }

    /// The cluster's current state.
    public var status: EmbeddedClusterStatus {
        EmbeddedClusterStatus(
            bootstrapServers: cluster.bootstrapServers, brokers: cluster.brokerCount,
            downBrokers: cluster.downBrokers.sorted(), topics: cluster.topics, controlPort: port, processId: getpid())
    }

    /// Stops accepting connections and waits for the serving thread to end.
    public func stop() {
        let proceed = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard proceed else { return }
        shutdown(socket, Int32(SHUT_RDWR))
        close(socket)
        finished.wait()
    }

    private func serve() {
        defer { finished.signal() }
        while !stopped.withLock({ $0 }) {
            let connection = accept(socket, nil, nil)
            guard connection >= 0 else {
                if errno == EINTR { continue }
                return
            }
            handle(connection: connection)
            close(connection)
        }
    }

    private func handle(connection: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let line = LoopbackSocket.readLine(connection) else { return }
        let reply: EmbeddedClusterReply
        var stopAfterReply = false
        do {
            let command = try JSONDecoder().decode(EmbeddedClusterCommand.self, from: line)
            switch command {
            case .fault(let fault):
                try fault.apply(to: cluster)
                reply = EmbeddedClusterReply(ok: true, message: fault.description)
            case .status:
                reply = EmbeddedClusterReply(ok: true, message: "running", status: status)
            case .shutdown:
                reply = EmbeddedClusterReply(ok: true, message: "stopping")
                stopAfterReply = true
            }
        } catch let error as KafkaError {
            reply = EmbeddedClusterReply(ok: false, message: error.message)
        } catch {
            reply = EmbeddedClusterReply(ok: false, message: "malformed request: \(error)")
        }
        if var data = try? JSONEncoder().encode(reply) {
            data.append(0x0A)
            LoopbackSocket.send(connection, data)
        }
        if stopAfterReply { shutdownRequested() }
    }
}

/// Sends ``EmbeddedClusterCommand``s to a cluster's control port.
public enum EmbeddedClusterControlClient {
    /// Sends one command and returns the reply.
    /// - Parameters:
    ///   - command: The command.
    ///   - port: The cluster's control port on 127.0.0.1.
    /// - Throws: ``KafkaError`` `_TRANSPORT` when nothing listens there (the cluster is not running).
    public static func send(_ command: EmbeddedClusterCommand, port: Int) async throws -> EmbeddedClusterReply {
        let request = try JSONEncoder().encode(command)
        let line: Data? = try await BlockingCalls.run {
            let connection = try LoopbackSocket.makeConnection(port: port)
            defer { close(connection) }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            LoopbackSocket.send(connection, request + Data([0x0A]))
            return LoopbackSocket.readLine(connection)
        }
        guard let line else {
            throw KafkaError(code: .transport, message: "the embedded cluster on control port \(port) closed the connection without answering")
        }
        return try JSONDecoder().decode(EmbeddedClusterReply.self, from: line)
    }
}

/// Minimal blocking loopback TCP helpers; only ever called off the cooperative pool.
enum LoopbackSocket {
    #if canImport(Glibc)
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    private static let streamType = SOCK_STREAM
    #endif

    static func makeListener(port: Int) throws -> (Int32, Int) {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw failure("create a socket") }
        var reuse: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw failure("listen on 127.0.0.1:\(port)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: actual.sin_port)))
    }

    static func makeConnection(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, streamType, 0)
        guard fd >= 0 else { throw failure("create a socket") }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw KafkaError(
                code: .transport,
                message: "no embedded cluster answers on 127.0.0.1:\(port); start one with `kafka-skill cluster up`")
        }
        return fd
    }

    static func readLine(_ fd: Int32) -> Data? {
        var data = Data()
        var byte: UInt8 = 0
        while data.count < 1 << 20 {
            let count = read(fd, &byte, 1)
            if count <= 0 { return data.isEmpty ? nil : data }
            if byte == 0x0A { return data }
            data.append(byte)
        }
        return data
    }

    static func send(_ fd: Int32, _ data: Data) {
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }

    private static func failure(_ what: String) -> KafkaError {
        KafkaError(code: .fail, message: "could not \(what): \(String(cString: strerror(errno)))")
    }
}
