-- Pedigree lineage database, schema version 1.
--
-- This file is applied once, inside one transaction, by the migration runner in the
-- Lineage module, which then sets PRAGMA user_version = 1. Never edit it once released:
-- change the schema with a new numbered file (0002_name.sql, ...).
--
-- Conventions:
--   * Times are INTEGER Unix time in milliseconds, UTC (columns ending in _ms), except
--     file modification times, which are nanoseconds (mtime_ns) as stat(2) reports them.
--   * A content hash or identity hash is 'sha256:' followed by 64 lowercase hex digits.
--     A per-file hash is the bare 64 hex digits (the Hugging Face LFS object id).
--   * Enumerations are TEXT guarded by CHECK constraints.
--
-- Part 1 holds the records: the source of truth, which cannot be recomputed.
-- Part 2 holds caches and coordination state that can be deleted at any time when no
-- pedigree process is running; nothing is lost but the time to recompute it.

-- application_id marks the file as a Pedigree lineage database: 0x50444752, the ASCII
-- bytes "PDGR" (decimal 1346651986). Pedigree rejects SQLite files with another id.
PRAGMA application_id = 1346651986;

------------------------------------------------------------------------------------------
-- Part 1: records (source of truth)
------------------------------------------------------------------------------------------

-- A model known by name: a source model Pedigree did not build, an adapter, or a merged
-- model built outside this database. Merges built here are rows of `merges`.
CREATE TABLE models (
    -- Row id, referenced by merge_inputs.input_model_id.
    id INTEGER PRIMARY KEY,
    -- The name recipes use for the model (a path or a Hub repo id); unique.
    name TEXT NOT NULL UNIQUE CHECK (name <> ''),
    -- 'source': weights Pedigree did not build; 'adapter': a PEFT LoRA adapter;
    -- 'merge': a merged model built elsewhere (for example imported from mergekit output).
    kind TEXT NOT NULL CHECK (kind IN ('source', 'merge', 'adapter')),
    -- Where the files are: a local directory path, or 'hf:ORG/NAME' for the Hub cache.
    locator TEXT NOT NULL CHECK (locator <> ''),
    -- Hub commit or tag the locator refers to; NULL for a local directory.
    revision TEXT,
    -- 1 when the bytes are fixed (a commit hash or a local content hash), 0 when the
    -- reference may move (a branch name, or a model not downloaded yet).
    is_pinned INTEGER NOT NULL DEFAULT 0 CHECK (is_pinned IN (0, 1)),
    -- When the row was first written.
    created_at_ms INTEGER NOT NULL,
    -- When kind, locator, revision or is_pinned last changed.
    updated_at_ms INTEGER NOT NULL
) STRICT;

-- A built output directory: what a merge produced, with the hashes that verify it.
CREATE TABLE artifacts (
    -- Row id, referenced by merges.output_artifact_id and artifact_files.artifact_id.
    id INTEGER PRIMARY KEY,
    -- The output directory: absolute, or relative to the database's directory.
    path TEXT NOT NULL CHECK (path <> ''),
    -- 'sha256:' over the sorted (name, dtype, shape, sha256 of bytes) tensor manifest;
    -- independent of shard layout and header order.
    content_hash TEXT NOT NULL CHECK (
        length(content_hash) = 71 AND substr(content_hash, 1, 7) = 'sha256:'
        AND substr(content_hash, 8) NOT GLOB '*[^0-9a-f]*'),
    -- Number of tensors in the output.
    tensor_count INTEGER NOT NULL CHECK (tensor_count >= 0),
    -- Total number of elements over all tensors.
    parameter_count INTEGER NOT NULL CHECK (parameter_count >= 0),
    -- The safetensors dtype of the floating-point tensors, or 'mixed' when they differ.
    dtype TEXT NOT NULL CHECK (dtype IN (
        'F64', 'F32', 'F16', 'BF16', 'F8_E4M3', 'F8_E5M2',
        'I64', 'I32', 'I16', 'I8', 'U8', 'BOOL', 'mixed')),
    -- Identity hash of the merge the artifact was built for.
    identity_hash TEXT NOT NULL CHECK (
        length(identity_hash) = 71 AND substr(identity_hash, 1, 7) = 'sha256:'
        AND substr(identity_hash, 8) NOT GLOB '*[^0-9a-f]*'),
    -- When the artifact was complete, hashed and renamed into place.
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX artifacts_by_identity ON artifacts (identity_hash);
CREATE INDEX artifacts_by_content ON artifacts (content_hash);

-- One file of an artifact with its SHA-256, so a single changed file can be named.
CREATE TABLE artifact_files (
    -- The artifact the file belongs to.
    artifact_id INTEGER NOT NULL REFERENCES artifacts (id) ON DELETE CASCADE,
    -- Path relative to the artifact directory, with '/' separators.
    name TEXT NOT NULL CHECK (name <> '' AND substr(name, 1, 1) <> '/'),
    -- File size in bytes.
    size INTEGER NOT NULL CHECK (size >= 0),
    -- SHA-256 of the file's bytes, 64 lowercase hex digits.
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    PRIMARY KEY (artifact_id, name)
) STRICT, WITHOUT ROWID;

-- One merge node: what to build (method, parameters, inputs) and how the build went.
-- A recipe change gives a new identity and so a new row; older rows stay as history.
CREATE TABLE merges (
    -- Row id. Inputs always refer to smaller ids (see merge_inputs), so the graph is a DAG.
    id INTEGER PRIMARY KEY,
    -- 'sha256:' of the canonical JSON of everything that decides the output bytes.
    identity_hash TEXT NOT NULL CHECK (
        length(identity_hash) = 71 AND substr(identity_hash, 1, 7) = 'sha256:'
        AND substr(identity_hash, 8) NOT GLOB '*[^0-9a-f]*'),
    -- The merge's name in its recipe; the name of its output model.
    name TEXT NOT NULL CHECK (name <> ''),
    -- Merge method as recipes spell it ('model_stock', 'linear', ...). The method list
    -- grows with the engine, so only the spelling is checked here.
    method TEXT NOT NULL CHECK (method <> '' AND method NOT GLOB '*[^a-z0-9_]*'),
    -- Arithmetic rules: 'pedigree' (Float32 with Float64 sums, weights honoured) or
    -- 'mergekit' (mergekit 0.1.5 bit for bit).
    semantics TEXT NOT NULL CHECK (semantics IN ('pedigree', 'mergekit')),
    -- Method parameters as canonical JSON (sorted keys, defaults filled in).
    parameters_json TEXT NOT NULL CHECK (json_valid(parameters_json)),
    -- The recipe file that declared the merge, or NULL when it came from elsewhere.
    recipe_path TEXT,
    -- The text of the YAML document that declared the merge, or NULL.
    recipe_document TEXT,
    -- 'pending': not built for this identity; 'running': a process is building it;
    -- 'done': output_artifact_id holds the result; 'failed': error says why.
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'running', 'done', 'failed')),
    -- The error message of the failed build; NULL unless state is 'failed'.
    error TEXT CHECK ((state = 'failed') = (error IS NOT NULL)),
    -- Version of the Pedigree engine that built (or is building) the output.
    engine_version TEXT,
    -- When the build started; NULL while pending.
    started_at_ms INTEGER CHECK ((state = 'pending') = (started_at_ms IS NULL)),
    -- When the build ended; NULL unless state is 'done' or 'failed'.
    finished_at_ms INTEGER CHECK ((state IN ('done', 'failed')) = (finished_at_ms IS NOT NULL)),
    -- The built output; set exactly when state is 'done'.
    output_artifact_id INTEGER REFERENCES artifacts (id)
        CHECK ((state = 'done') = (output_artifact_id IS NOT NULL)),
    -- When the row was written.
    created_at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX merges_by_identity ON merges (identity_hash);
CREATE INDEX merges_by_name ON merges (name);

-- The ordered inputs of a merge: the lineage DAG's edges. Each input is either a model
-- (input_model_id) or another merge's output (input_merge_id), never both.
CREATE TABLE merge_inputs (
    -- The merge that consumes the input.
    merge_id INTEGER NOT NULL REFERENCES merges (id) ON DELETE CASCADE,
    -- Order of the input in the recipe, from 0.
    position INTEGER NOT NULL CHECK (position >= 0),
    -- 'base': the model task vectors are taken against; 'ingredient': a model merged in;
    -- 'adapter': a LoRA adapter applied to the input at adapter_target.
    role TEXT NOT NULL CHECK (role IN ('base', 'ingredient', 'adapter')),
    -- The input when it is a model row; NULL when it is a merge.
    input_model_id INTEGER REFERENCES models (id),
    -- The input when it is a merge row; NULL when it is a model. A merge can only
    -- consume merges recorded before it, which keeps the graph acyclic.
    input_merge_id INTEGER REFERENCES merges (id) CHECK (input_merge_id < merge_id),
    -- For an adapter, the position of the input it is applied to; NULL otherwise.
    adapter_target INTEGER CHECK ((role = 'adapter') = (adapter_target IS NOT NULL)),
    -- The recipe's weight for the input, or NULL when the recipe gives none.
    weight REAL,
    -- Per-input method parameters as canonical JSON; '{}' when there are none.
    parameters_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(parameters_json)),
    -- The input's identity when the merge was planned: a source's content hash, a
    -- merge's identity hash, or 'hf:ORG/NAME@REVISION' for a source not downloaded yet.
    input_identity TEXT NOT NULL CHECK (
        substr(input_identity, 1, 7) = 'sha256:' OR substr(input_identity, 1, 3) = 'hf:'),
    -- Content hash of the input's bytes as the build read them; NULL until it started.
    input_content_hash TEXT CHECK (input_content_hash IS NULL OR (
        length(input_content_hash) = 71 AND substr(input_content_hash, 1, 7) = 'sha256:'
        AND substr(input_content_hash, 8) NOT GLOB '*[^0-9a-f]*')),
    PRIMARY KEY (merge_id, position),
    FOREIGN KEY (merge_id, adapter_target) REFERENCES merge_inputs (merge_id, position),
    CHECK ((input_model_id IS NULL) <> (input_merge_id IS NULL))
) STRICT, WITHOUT ROWID;

CREATE INDEX merge_inputs_by_model ON merge_inputs (input_model_id) WHERE input_model_id IS NOT NULL;
CREATE INDEX merge_inputs_by_merge ON merge_inputs (input_merge_id) WHERE input_merge_id IS NOT NULL;

-- Per-tensor statistics the engine reports for a merge (Model Stock's t and cosines).
CREATE TABLE tensor_stats (
    -- The merge the statistics belong to.
    merge_id INTEGER NOT NULL REFERENCES merges (id) ON DELETE CASCADE,
    -- Tensor name as in the safetensors header.
    tensor TEXT NOT NULL CHECK (tensor <> ''),
    -- Interpolation ratio toward the ingredients' average (0 keeps the base).
    t REAL NOT NULL,
    -- Mean pairwise cosine of the task vectors, clamped to [-1, 1].
    mean_cosine REAL NOT NULL CHECK (mean_cosine BETWEEN -1 AND 1),
    -- Smallest pairwise cosine.
    min_cosine REAL NOT NULL CHECK (min_cosine BETWEEN -1 AND 1),
    -- Largest pairwise cosine.
    max_cosine REAL NOT NULL CHECK (max_cosine BETWEEN -1 AND 1),
    -- Per-row summary as JSON when filter_wise merging computed one row at a time; NULL
    -- otherwise.
    row_summary_json TEXT CHECK (row_summary_json IS NULL OR json_valid(row_summary_json)),
    PRIMARY KEY (merge_id, tensor)
) STRICT, WITHOUT ROWID;

-- One invocation of a pedigree command that builds (for example `pedigree run`).
CREATE TABLE runs (
    -- Row id, referenced by events.run_id.
    id INTEGER PRIMARY KEY,
    -- When the run started.
    started_at_ms INTEGER NOT NULL,
    -- When the run ended; NULL while outcome is 'running'.
    finished_at_ms INTEGER CHECK ((outcome = 'running') = (finished_at_ms IS NULL)),
    -- Process id of the pedigree process.
    pid INTEGER NOT NULL CHECK (pid > 0),
    -- Host name of the machine the process ran on.
    host TEXT NOT NULL,
    -- The command line as a JSON array of strings, program name first.
    command_line_json TEXT NOT NULL
        CHECK (json_valid(command_line_json) AND json_type(command_line_json) = 'array'),
    -- 'running' until the run ends; then 'succeeded', 'failed', or 'interrupted' (the
    -- process was stopped, or died and a later run found it gone).
    outcome TEXT NOT NULL DEFAULT 'running'
        CHECK (outcome IN ('running', 'succeeded', 'failed', 'interrupted'))
) STRICT;

-- The log of a run: what happened to which merge, in order.
CREATE TABLE events (
    -- Row id; increases with time within a database.
    id INTEGER PRIMARY KEY,
    -- The run that logged the event.
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    -- The merge the event is about, or NULL for run-wide events.
    merge_id INTEGER REFERENCES merges (id) ON DELETE CASCADE,
    -- When the event happened.
    time_ms INTEGER NOT NULL,
    -- 'started', 'finished', 'reused' (an existing artifact verified), 'failed',
    -- 'recovered' (a stale build was discarded), 'warning', or 'info'.
    kind TEXT NOT NULL CHECK (kind IN (
        'started', 'finished', 'reused', 'failed', 'recovered', 'warning', 'info')),
    -- Human-readable text of the event.
    message TEXT NOT NULL
) STRICT;

CREATE INDEX events_by_run ON events (run_id);
CREATE INDEX events_by_merge ON events (merge_id) WHERE merge_id IS NOT NULL;

------------------------------------------------------------------------------------------
-- Part 2: caches and coordination (rebuildable; safe to empty when no run is active)
------------------------------------------------------------------------------------------

-- One row per merge identity being built: the process that holds the right to build it.
-- A lease whose process is gone, or whose heartbeat is too old, may be taken over.
CREATE TABLE leases (
    -- Identity hash of the merge being built; one builder per identity.
    identity_hash TEXT PRIMARY KEY CHECK (
        length(identity_hash) = 71 AND substr(identity_hash, 1, 7) = 'sha256:'
        AND substr(identity_hash, 8) NOT GLOB '*[^0-9a-f]*'),
    -- The merge row the holder is building.
    merge_id INTEGER NOT NULL REFERENCES merges (id) ON DELETE CASCADE,
    -- Process id of the holder.
    pid INTEGER NOT NULL CHECK (pid > 0),
    -- Host name of the holder's machine; process ids are checked only on the same host.
    host TEXT NOT NULL,
    -- When the holder acquired the lease.
    acquired_at_ms INTEGER NOT NULL,
    -- When the holder last renewed the lease.
    heartbeat_at_ms INTEGER NOT NULL CHECK (heartbeat_at_ms >= acquired_at_ms)
) STRICT;

-- Digests of files by (device, inode, size, modification time), so unchanged multi-GB
-- weight shards are read once. A file whose size or mtime changed misses the cache.
CREATE TABLE file_hashes (
    -- st_dev of the file, a UInt64 stored as its two's-complement bit pattern.
    device INTEGER NOT NULL,
    -- st_ino of the file, a UInt64 stored as its two's-complement bit pattern.
    inode INTEGER NOT NULL,
    -- File size in bytes when hashed.
    size INTEGER NOT NULL CHECK (size >= 0),
    -- Modification time when hashed, in nanoseconds since the Unix epoch.
    mtime_ns INTEGER NOT NULL,
    -- SHA-256 of the whole file, 64 lowercase hex digits; NULL until computed.
    sha256 TEXT CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
    -- For a safetensors file, its content-hash manifest lines (one per tensor: name, dtype,
    -- shape and SHA-256 of the bytes, tab-separated); NULL until computed.
    tensor_digests TEXT,
    -- The path the file was hashed at, for people reading the table; not part of the key.
    path TEXT NOT NULL,
    PRIMARY KEY (device, inode),
    CHECK (sha256 IS NOT NULL OR tensor_digests IS NOT NULL)
) STRICT, WITHOUT ROWID;
