-- hospital-api schema, version 2: the audit trail (trilha de auditoria). Runs unchanged on PostgreSQL and SQLite.
--
-- Append-only: the service only ever INSERTs into trilha_auditoria. Tamper-evident: every entry carries the
-- SHA-256 of its own canonical content, which includes the hash of the previous entry of its chain
-- (hash_anterior). There is one chain per node (cadeia = the node that wrote the entry); its head (last position
-- and hash) is the row of trilha_auditoria_cabeca that the inserting transaction locks, so concurrent writers of
-- one node are serialised and writers of different nodes never wait for each other.
-- No payload, CPF, CNS or name is ever kept here: only who, what (entity + id), when, where and the outcome.

CREATE TABLE trilha_auditoria (
    id            VARCHAR(36)  NOT NULL PRIMARY KEY,
    cadeia        VARCHAR(64)  NOT NULL,
    posicao       BIGINT       NOT NULL,
    ocorrido_em   TIMESTAMP WITH TIME ZONE NOT NULL,
    gravado_em    TIMESTAMP WITH TIME ZONE NOT NULL,
    usuario       VARCHAR(64)  NOT NULL,
    no_origem     VARCHAR(64)  NOT NULL,
    endereco      VARCHAR(64),
    acao          VARCHAR(30)  NOT NULL,
    comando       VARCHAR(40),
    entidade      VARCHAR(40),
    registro_id   VARCHAR(36),
    operation_id  VARCHAR(36),
    resultado     VARCHAR(20)  NOT NULL,
    detalhe       VARCHAR(500),
    hash_anterior VARCHAR(64)  NOT NULL,
    hash          VARCHAR(64)  NOT NULL
);
CREATE UNIQUE INDEX ux_trilha_auditoria_posicao ON trilha_auditoria (cadeia, posicao);
CREATE INDEX ix_trilha_auditoria_ocorrido ON trilha_auditoria (ocorrido_em);
CREATE INDEX ix_trilha_auditoria_usuario ON trilha_auditoria (usuario, ocorrido_em);
CREATE INDEX ix_trilha_auditoria_registro ON trilha_auditoria (entidade, registro_id);
CREATE INDEX ix_trilha_auditoria_operacao ON trilha_auditoria (operation_id);

CREATE TABLE trilha_auditoria_cabeca (
    cadeia  VARCHAR(64) NOT NULL PRIMARY KEY,
    posicao BIGINT      NOT NULL,
    hash    VARCHAR(64) NOT NULL
);
