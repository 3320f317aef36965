#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Reads a pipe to its end, retrying reads a signal interrupted. Foundation's `readDataToEndOfFile()` traps on
/// `EINTR`, which the many child processes of this suite (their `SIGCHLD`s) make likely.
func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 65_536)
    let descriptor = handle.fileDescriptor
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            data.append(contentsOf: buffer[0..<count])
        } else if count == 0 || errno != EINTR {
            return data
        }
    }
}
