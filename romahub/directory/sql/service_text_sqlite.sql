-- The words search index (romahub/directory/fulltext.py). Statements are separated by blank lines.
-- A service's text: its name and description in every language, and its organisation's name,
-- under the service row's own rowid (reading an UNINDEXED id column for every match was ten times
-- slower). Rowids can change when Django remakes the table in a migration, which also drops the
-- triggers: the index is therefore rebuilt after every migrate (fulltext.rebuild).

CREATE VIRTUAL TABLE directory_service_text USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2'
)

CREATE TRIGGER directory_service_text_insert AFTER INSERT ON directory_service BEGIN
    INSERT INTO directory_service_text(rowid, body) VALUES (
        NEW.rowid,
        NEW.name || ' ' || NEW.name_sk || ' ' || NEW.name_ro || ' ' || NEW.description || ' '
        || NEW.description_sk || ' ' || NEW.description_ro || ' '
        || coalesce((SELECT o.name FROM directory_organization o WHERE o.id = NEW.organization_id), '')
    );
END

CREATE TRIGGER directory_service_text_update AFTER UPDATE OF
    name, name_sk, name_ro, description, description_sk, description_ro, organization_id
ON directory_service BEGIN
    DELETE FROM directory_service_text WHERE rowid = OLD.rowid;
    INSERT INTO directory_service_text(rowid, body) VALUES (
        NEW.rowid,
        NEW.name || ' ' || NEW.name_sk || ' ' || NEW.name_ro || ' ' || NEW.description || ' '
        || NEW.description_sk || ' ' || NEW.description_ro || ' '
        || coalesce((SELECT o.name FROM directory_organization o WHERE o.id = NEW.organization_id), '')
    );
END

CREATE TRIGGER directory_service_text_delete AFTER DELETE ON directory_service BEGIN
    DELETE FROM directory_service_text WHERE rowid = OLD.rowid;
END

CREATE TRIGGER directory_service_text_organisation AFTER UPDATE OF name ON directory_organization BEGIN
    DELETE FROM directory_service_text
    WHERE rowid IN (SELECT rowid FROM directory_service WHERE organization_id = NEW.id);
    INSERT INTO directory_service_text(rowid, body)
    SELECT s.rowid,
        s.name || ' ' || s.name_sk || ' ' || s.name_ro || ' ' || s.description || ' '
        || s.description_sk || ' ' || s.description_ro || ' ' || NEW.name
    FROM directory_service s WHERE s.organization_id = NEW.id;
END

INSERT INTO directory_service_text(rowid, body)
SELECT s.rowid,
    s.name || ' ' || s.name_sk || ' ' || s.name_ro || ' ' || s.description || ' '
    || s.description_sk || ' ' || s.description_ro || ' ' || o.name
FROM directory_service s JOIN directory_organization o ON o.id = s.organization_id
