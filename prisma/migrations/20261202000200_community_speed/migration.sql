-- Community speed (issue 11): nothing changes on SQLite, whose full-text index already holds the
-- topic's title in the first post's searchText. The PostgreSQL migration of the same name makes
-- PostgreSQL search cover topic titles too.
SELECT 1;
