-- A form can be revoked (issued in error, or the person's clearance withdrawn): who, when, why.
ALTER TABLE forms
    ADD COLUMN revoked_at     timestamptz,
    ADD COLUMN revoked_by     uuid,
    ADD COLUMN revoked_reason text NOT NULL DEFAULT '';
