// The Lineage module; see DESIGN.md for its place in the layout.
