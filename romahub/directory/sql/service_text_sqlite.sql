-- The words search index (romahub/directory/fulltext.py). Statements are separated by blank lines.
-- A service's text is defined once, in the view: its name and description in every language and
-- its organisation's name. The index holds it under the service row's own rowid (reading an id
-- column for every match was ten times slower). Remaking a table in a migration renumbers rowids,
-- and SQLite refuses to rename a table while a trigger or view names a missing one, so all of
-- this is dropped before every migrate and made again after it (romahub/directory/apps.py).

CREATE VIRTUAL TABLE directory_service_text USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2'
)

CREATE VIEW directory_service_text_source AS
SELECT
    s.rowid AS service_rowid,
    s.organization_id AS organization_id,
    s.name || ' ' || s.name_sk || ' ' || s.name_ro || ' ' || s.description || ' '
    || s.description_sk || ' ' || s.description_ro || ' ' || coalesce(o.name, '') AS body
FROM directory_service s LEFT JOIN directory_organization o ON o.id = s.organization_id

CREATE TRIGGER directory_service_text_insert AFTER INSERT ON directory_service BEGIN
    INSERT INTO directory_service_text(rowid, body)
    SELECT service_rowid, body FROM directory_service_text_source WHERE service_rowid = NEW.rowid;
END

CREATE TRIGGER directory_service_text_update AFTER UPDATE OF
    name, name_sk, name_ro, description, description_sk, description_ro, organization_id
ON directory_service BEGIN
    DELETE FROM directory_service_text WHERE rowid = OLD.rowid;
    INSERT INTO directory_service_text(rowid, body)
    SELECT service_rowid, body FROM directory_service_text_source WHERE service_rowid = NEW.rowid;
END

CREATE TRIGGER directory_service_text_delete AFTER DELETE ON directory_service BEGIN
    DELETE FROM directory_service_text WHERE rowid = OLD.rowid;
END

CREATE TRIGGER directory_service_text_organisation AFTER UPDATE OF name ON directory_organization BEGIN
    DELETE FROM directory_service_text
    WHERE rowid IN (SELECT service_rowid FROM directory_service_text_source WHERE organization_id = NEW.id);
    INSERT INTO directory_service_text(rowid, body)
    SELECT service_rowid, body FROM directory_service_text_source WHERE organization_id = NEW.id;
END

INSERT INTO directory_service_text(rowid, body)
SELECT service_rowid, body FROM directory_service_text_source
