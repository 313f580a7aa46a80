-- The Data Protection key ring, when keys are kept in the database (the default on PostgreSQL): every host on the
-- database shares it, and one backup holds the keys with the tokens they encrypt. Each row is one key's XML, as
-- ASP.NET Core Data Protection writes it (its secret encrypted when a certificate is configured).
CREATE TABLE data_protection_keys (
    friendly_name  TEXT NOT NULL PRIMARY KEY,
    xml            TEXT NOT NULL,
    created_at     BIGINT NOT NULL
);
