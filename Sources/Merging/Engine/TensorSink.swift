/// The destination of output tensors: the engine writes the bytes of chunk `byteOffset..<byteOffset +
/// bytes.count` of output tensor `tensorIndex` (an index into `TensorPlan.outputs`). Chunks
/// arrive from several threads in any order, and the engine writes each byte once.
public protocol TensorSink: Sendable {
    func write(_ bytes: UnsafeRawBufferPointer, tensorIndex: Int, byteOffset: Int) throws
}

/// Progress and warnings of a running merge, delivered one at a time (never concurrently).
public enum MergeEvent: Sendable, Equatable {
    case warning(String)
    case progress(MergeProgress)
}

public struct MergeProgress: Sendable, Equatable {
    public var tensorsDone: Int
    public var tensorCount: Int
    public var bytesWritten: Int
    public var byteCount: Int
}
