/// Orders merges so every merge comes after the merges it reads, and finds cycles.
enum GraphOrder {
    /// Node indices in topological order; among merges that are ready at the same time the
    /// one declared first comes first. `dependencies[i]` lists the indices node `i` reads.
    /// Nodes on or behind a cycle are left out.
    static func topological(_ dependencies: [[Int]]) -> [Int] {
        var remaining = dependencies.map { Set($0).count }
        var readers = Array(repeating: [Int](), count: dependencies.count)
        for (node, inputs) in dependencies.enumerated() {
            for input in Set(inputs) { readers[input].append(node) }
        }
        // A sorted list works as the priority queue: recipe sets have tens of merges.
        var ready = remaining.indices.filter { remaining[$0] == 0 }
        var order: [Int] = []
        while !ready.isEmpty {
            let node = ready.removeFirst()
            order.append(node)
            for reader in readers[node] {
                remaining[reader] -= 1
                if remaining[reader] == 0 {
                    ready.insert(reader, at: ready.firstIndex { $0 > reader } ?? ready.endIndex)
                }
            }
        }
        return order
    }

    /// Every cycle, each as its members in order starting from the one declared first, found
    /// by depth-first search in declaration order. A cycle through the same members is
    /// reported once.
    static func cycles(_ dependencies: [[Int]]) -> [[Int]] {
        enum State { case unvisited, onStack, done }
        var state = Array(repeating: State.unvisited, count: dependencies.count)
        var stack: [Int] = []
        var found: [[Int]] = []
        var seenMembers: Set<Set<Int>> = []

        func visit(_ node: Int) {
            state[node] = .onStack
            stack.append(node)
            for input in dependencies[node] {
                switch state[input] {
                case .unvisited:
                    visit(input)
                case .onStack:
                    let cycle = Array(stack[stack.lastIndex(of: input)!...])
                    if seenMembers.insert(Set(cycle)).inserted {
                        let start = cycle.firstIndex(of: cycle.min()!)!
                        found.append(Array(cycle[start...] + cycle[..<start]))
                    }
                case .done:
                    break
                }
            }
            stack.removeLast()
            state[node] = .done
        }
        for node in dependencies.indices where state[node] == .unvisited {
            visit(node)
        }
        return found
    }
}
