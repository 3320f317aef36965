import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes members from a consumer group by sending Kafka's LeaveGroup request (v0) on their behalf.
///
/// A Kafka coordinator removes a member whose heartbeats stop once `session.timeout.ms` passes; noida-db 0.2.3
/// never does (see `scripts/noida-db-repro/`), so after a SIGKILL the group waits forever for the dead member
/// to rejoin and the restarted service never gets partitions. Verify does for that broker what its
/// coordinator should: after the session timeout, it sends LeaveGroup for the members that were in the group
/// when the process was killed. A live member among them gets UNKNOWN_MEMBER_ID and rejoins.
///
/// It talks to the first bootstrap server, which is the coordinator of every group on a one-node broker.
enum GroupMemberRemoval {
    /// Sends one LeaveGroup per member and returns the error code of each answer (0 for none).
    /// - Throws: ``VerifyError/cluster(_:)`` when the broker cannot be reached or answers nothing.
    static func leave(bootstrap: String, group: String, memberIDs: [String], timeoutSeconds: Int = 5) throws -> [Int16] {
        guard let first = bootstrap.split(separator: ",").first, let colon = first.lastIndex(of: ":"),
            let port = UInt16(first[first.index(after: colon)...])
        else { throw VerifyError.cluster("cannot read host:port from \(bootstrap)") }
        let host = String(first[..<colon])
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw VerifyError.cluster("no socket for LeaveGroup (errno \(errno))") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr(host == "localhost" ? "127.0.0.1" : host)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw VerifyError.cluster("LeaveGroup: could not connect to \(first) (errno \(errno))") }
        var codes: [Int16] = []
        for (index, member) in memberIDs.enumerated() {
            let correlation = Int32(index + 1)
            var body = Data()
            body.appendBigEndian(Int16(13))  // LeaveGroup
            body.appendBigEndian(Int16(0))  // version 0: group_id, member_id
            body.appendBigEndian(correlation)
            body.appendKafkaString("kafka-skill-verify")
            body.appendKafkaString(group)
            body.appendKafkaString(member)
            var frame = Data()
            frame.appendBigEndian(Int32(body.count))
            frame.append(body)
            try sendAll(fd, frame)
            let size = try Int(readExactly(fd, 4).bigEndianInt32(at: 0))
            guard size >= 6 else { throw VerifyError.cluster("LeaveGroup: a \(size)-byte answer is too short") }
            let answer = try readExactly(fd, size)
            guard answer.bigEndianInt32(at: 0) == correlation else { throw VerifyError.cluster("LeaveGroup: the answer is for another request") }
            let start = answer.startIndex
            codes.append(Int16(bitPattern: UInt16(answer[start + 4]) << 8 | UInt16(answer[start + 5])))
        }
        return codes
    }

    private static func sendAll(_ fd: Int32, _ data: Data) throws {
        var sent = 0
        while sent < data.count {
            let count = data.withUnsafeBytes { send(fd, $0.baseAddress! + sent, data.count - sent, 0) }
            guard count > 0 else { throw VerifyError.cluster("LeaveGroup: send failed (errno \(errno))") }
            sent += count
        }
    }

    private static func readExactly(_ fd: Int32, _ count: Int) throws -> Data {
        var buffer = [UInt8](repeating: 0, count: count)
        var read = 0
        while read < count {
            let got = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress! + read, count - read, 0) }
            guard got > 0 else { throw VerifyError.cluster("LeaveGroup: no answer (errno \(errno))") }
            read += got
        }
        return Data(buffer)
    }
}

extension Data {
    fileprivate mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    fileprivate mutating func appendKafkaString(_ text: String) {
        let bytes = Array(text.utf8)
        appendBigEndian(Int16(bytes.count))
        append(contentsOf: bytes)
    }

    fileprivate func bigEndianInt32(at offset: Int) -> Int32 {
        let bytes = Array(self[startIndex + offset..<startIndex + offset + 4])
        return bytes.reduce(0) { $0 << 8 | Int32($1) }
    }
}
