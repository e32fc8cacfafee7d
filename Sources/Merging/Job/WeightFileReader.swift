#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SafeTensors

/// Reads byte ranges of a model's weights files with `pread`. The engine reads tensor data
/// this way rather than through the files' mappings. Copying from the page cache into a
/// small buffer avoids a page fault and a TLB miss per 4 KiB page, and the pages never count
/// toward the process's resident memory.
final class WeightFileReader: Sendable {
    private let descriptors: [String: Int32]

    /// Opens every file of `files` for reading.
    init(files: [SafeTensorsFile]) throws {
        var descriptors: [String: Int32] = [:]
        for file in files {
            let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                let error = SystemCallError(call: "open", path: file.path, errno: errno)
                descriptors.values.forEach { _ = close($0) }
                throw error
            }
            descriptors[file.path] = descriptor
        }
        self.descriptors = descriptors
    }

    deinit {
        descriptors.values.forEach { _ = close($0) }
    }

    /// Reads the file bytes `range` of `file` into `destination`. Throws `SystemCallError`
    /// when the read fails or the file ends early (it was truncated after it was opened).
    func read(_ file: SafeTensorsFile, range: Range<Int>, into destination: UnsafeMutableRawPointer) throws {
        guard let descriptor = descriptors[file.path] else {
            preconditionFailure("\(file.path) was not opened by this reader")
        }
        var done = 0
        while done < range.count {
            let result = pread(descriptor, destination + done, range.count - done, off_t(range.lowerBound + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemCallError(call: "pread", path: file.path, errno: errno)
            }
            guard result > 0 else { throw SystemCallError(call: "pread", path: file.path, errno: EIO) }
            done += result
        }
    }
}
