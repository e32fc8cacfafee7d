// The Scheduler module; see DESIGN.md for its place in the layout.
