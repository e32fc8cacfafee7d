import Foundation
import SafeTensors

/// Digests of a model's weights.
public struct ModelHashes: Sendable, Equatable {
    /// `sha256:` and the SHA-256 of the sorted tensor lines (see `ContentHasher`).
    public var contentHash: String
    /// One line per tensor, `NAME\tDTYPE\tSHAPE\tHEX\n`, sorted by the UTF-8 bytes of NAME.
    public var manifest: String
    /// SHA-256 of each weights file by file name; empty unless file hashes were requested.
    public var fileSHA256: [String: String]
}

/// Computes content hashes: for each tensor the line `NAME\tDTYPE\tSHAPE\tHEX\n` (DTYPE is
/// the on-disk dtype string, SHAPE the dimensions joined by `,` and empty for a scalar, HEX the
/// SHA-256 of the tensor's raw bytes), the lines sorted by the UTF-8 bytes of NAME, and the
/// content hash `sha256:` + SHA-256 of the concatenated lines. Shard layout, header order and
/// `__metadata__` do not change it.
///
/// Tensors (and whole files, for file hashes) are spread over `threadCount` threads, largest
/// first; each digest streams over the mapped bytes.
public struct ContentHasher: Sendable {
    public var threadCount: Int
    public var cache: (any FileHashCache)?

    public init(threadCount: Int = ProcessInfo.processInfo.activeProcessorCount, cache: (any FileHashCache)? = nil) {
        self.threadCount = max(1, threadCount)
        self.cache = cache
    }

    /// Hashes `model`'s tensors and, with `includeFiles`, each weights file as a whole.
    public func hash(_ model: ModelDirectory, includeFiles: Bool = false) -> ModelHashes {
        hash(files: model.weightFiles, includeFiles: includeFiles)
    }

    public func hash(files: [SafeTensorsFile], includeFiles: Bool = false) -> ModelHashes {
        var jobs: [HashJob] = []
        var cachedLines: [String] = []
        var cachedFileHashes: [String: String] = [:]
        for (fileIndex, file) in files.enumerated() {
            let identity = FileIdentity(path: file.path)
            if let identity, let lines = cache?.cachedTensorDigests(for: identity) {
                cachedLines.append(lines)
            } else {
                for info in file.tensors {
                    jobs.append(.tensor(fileIndex: fileIndex, info: info))
                }
            }
            if includeFiles {
                if let identity, let hex = cache?.cachedSHA256(for: identity) {
                    cachedFileHashes[file.fileName] = hex
                } else {
                    jobs.append(.file(fileIndex: fileIndex))
                }
            }
        }

        let digests = run(jobs, files: files)

        var linesByFile = [[(name: String, line: String)]](repeating: [], count: files.count)
        var fileHashes = cachedFileHashes
        for (job, digest) in zip(jobs, digests) {
            switch job {
            case .tensor(let fileIndex, let info):
                linesByFile[fileIndex].append((info.name, Self.line(for: info, digest: digest)))
            case .file(let fileIndex):
                fileHashes[files[fileIndex].fileName] = digest
            }
        }
        var lines: [(name: String, line: String)] = []
        // Files whose lines came from the cache have no jobs and so no new lines here.
        for (fileIndex, file) in files.enumerated() where !linesByFile[fileIndex].isEmpty {
            let fileLines = linesByFile[fileIndex]
            lines.append(contentsOf: fileLines)
            if let cache, let identity = FileIdentity(path: file.path) {
                let sorted = fileLines.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
                cache.storeTensorDigests(sorted.map(\.line).joined(), for: identity, path: file.path)
            }
        }
        if let cache {
            for file in files {
                guard let hex = fileHashes[file.fileName], cachedFileHashes[file.fileName] == nil,
                      let identity = FileIdentity(path: file.path) else { continue }
                cache.storeSHA256(hex, for: identity, path: file.path)
            }
        }
        for block in cachedLines {
            for line in block.split(separator: "\n", omittingEmptySubsequences: true) {
                let name = String(line.prefix { $0 != "\t" })
                lines.append((name, String(line) + "\n"))
            }
        }
        lines.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        let manifest = lines.map(\.line).joined()
        return ModelHashes(contentHash: "sha256:" + SHA256Hasher.hex(of: manifest), manifest: manifest, fileSHA256: fileHashes)
    }

    /// Formats the manifest line of one tensor.
    public static func line(for info: TensorInfo, digest: String) -> String {
        let shape = info.shape.map(String.init).joined(separator: ",")
        return "\(info.name)\t\(info.dtype.rawValue)\t\(shape)\t\(digest)\n"
    }

    private enum HashJob {
        case tensor(fileIndex: Int, info: TensorInfo)
        case file(fileIndex: Int)

        func byteCount(in files: [SafeTensorsFile]) -> Int {
            switch self {
            case .tensor(_, let info): return info.byteCount
            case .file(let fileIndex): return files[fileIndex].fileSize
            }
        }
    }

    /// Runs the jobs on `threadCount` threads, largest first, and returns their digests in
    /// job order.
    private func run(_ jobs: [HashJob], files: [SafeTensorsFile]) -> [String] {
        let order = jobs.indices.sorted { jobs[$0].byteCount(in: files) > jobs[$1].byteCount(in: files) }
        let results = DigestResults(count: jobs.count)
        let queue = WorkQueue(order)
        let workers = min(threadCount, max(jobs.count, 1))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let jobIndex = queue.next() {
                let digest: String
                switch jobs[jobIndex] {
                case .tensor(let fileIndex, let info):
                    let file = files[fileIndex]
                    digest = Self.digest(file: file, range: file.fileRange(of: info))
                case .file(let fileIndex):
                    let file = files[fileIndex]
                    digest = Self.digest(file: file, range: 0..<file.fileSize)
                }
                results.set(jobIndex, digest)
            }
        }
        return results.values
    }

    /// Streams `range` of the mapped file through SHA-256 in blocks, hinting read-ahead for
    /// the next block and releasing the pages of the finished one.
    private static func digest(file: SafeTensorsFile, range: Range<Int>) -> String {
        let blockSize = 8 << 20
        var hasher = SHA256Hasher()
        file.mapping.withBytes { bytes in
            var start = range.lowerBound
            file.mapping.advise(start..<min(start + blockSize, range.upperBound), willNeed: true)
            while start < range.upperBound {
                let end = min(start + blockSize, range.upperBound)
                if end < range.upperBound {
                    file.mapping.advise(end..<min(end + blockSize, range.upperBound), willNeed: true)
                }
                hasher.update(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                // Drop the hashed pages from this process: they stay in the page cache, but a
                // multi-GB shard no longer counts toward the resident size.
                file.mapping.advise(start..<end, willNeed: false)
                start = end
            }
        }
        return hasher.finalizeHex()
    }
}

/// Hands out job indices to worker threads.
private final class WorkQueue: @unchecked Sendable {
    // @unchecked: `position` is only touched under `lock`.
    private let lock = NSLock()
    private let order: [Int]
    private var position = 0

    init(_ order: [Int]) {
        self.order = order
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard position < order.count else { return nil }
        position += 1
        return order[position - 1]
    }
}

/// Digests written by worker threads, one slot per job.
private final class DigestResults: @unchecked Sendable {
    // @unchecked: every slot is written by one worker under `lock` and read after all finish.
    private let lock = NSLock()
    private var storage: [String]

    init(count: Int) {
        storage = [String](repeating: "", count: count)
    }

    func set(_ index: Int, _ digest: String) {
        lock.lock()
        storage[index] = digest
        lock.unlock()
    }

    var values: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
