/// One output format of one report: turns a query's result into the text a verb prints or
/// writes. Every format of every report conforms, so a verb is: load the graph, run the
/// query, render.
///
/// ```swift
/// let tree = try graph.ancestryTree(of: name, depthLimit: depth)
/// console.print(json ? JSONReportRenderer().render(tree) : TreeRenderer().render(tree))
/// ```
public protocol ReportRenderer: Sendable {
    associatedtype Subject
    /// The complete output, ending with a newline.
    func render(_ subject: Subject) -> String
}
