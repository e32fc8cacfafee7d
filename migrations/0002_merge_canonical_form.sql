-- Pedigree lineage database, migration 2: keep each merge's whole canonical form, so that
-- `pedigree plan` can name the fields that changed between a recorded merge and its recipe
-- (method, dtypes, tokenizer policy and each input's identity), not only its parameters.

-- The canonical JSON whose SHA-256 is identity_hash: method, semantics, parameters with
-- defaults filled in, dtypes, tokenizer policy and the ordered inputs with their
-- identities. NULL for merges recorded before this migration.
ALTER TABLE merges ADD COLUMN canonical_json TEXT
    CHECK (canonical_json IS NULL OR json_valid(canonical_json));
