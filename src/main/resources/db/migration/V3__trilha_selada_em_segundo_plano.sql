-- hospital-api schema, version 3: audit entries are written unsealed and chained afterwards by the sealer
-- (Selador). Runs unchanged on PostgreSQL and SQLite.
--
-- Until version 2 every writing transaction locked its chain's head (trilha_auditoria_cabeca) to take the next
-- position, so one node committed one write at a time. Now a writer only INSERTs its entry with posicao,
-- hash_anterior and hash NULL; a background job on every node locks a chain's head, gives the chain's unsealed
-- entries the next positions and hashes (UPDATE ... WHERE id = ? AND posicao IS NULL) and advances the head.
--
-- SQLite cannot change a column's nullability, so the table is rebuilt: create the new one, copy every row as
-- it is (sealed entries keep their positions and hashes: the canonical content trilha-v1 does not change), drop
-- the old one, rename, recreate the indexes. Every statement is valid on both engines.
--
-- On PostgreSQL the rebuilt table no longer carries the grants given on the old one: grant the service's user
-- SELECT, INSERT and UPDATE (posicao, hash_anterior, hash) on trilha_auditoria again (see the README).

CREATE TABLE trilha_auditoria_v3 (
    id            VARCHAR(36)  NOT NULL,
    cadeia        VARCHAR(64)  NOT NULL,
    posicao       BIGINT,
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
    hash_anterior VARCHAR(64),
    hash          VARCHAR(64),
    -- named, so that the name survives the rename on PostgreSQL (the old table's trilha_auditoria_pkey still
    -- exists while this one is created)
    CONSTRAINT pk_trilha_auditoria PRIMARY KEY (id),
    -- an entry is either unsealed (all three NULL) or sealed (all three set), never half
    CONSTRAINT ck_trilha_auditoria_selo CHECK (
        (posicao IS NULL AND hash_anterior IS NULL AND hash IS NULL)
        OR (posicao IS NOT NULL AND hash_anterior IS NOT NULL AND hash IS NOT NULL))
);

INSERT INTO trilha_auditoria_v3 (
    id, cadeia, posicao, ocorrido_em, gravado_em, usuario, no_origem, endereco, acao, comando, entidade,
    registro_id, operation_id, resultado, detalhe, hash_anterior, hash)
SELECT
    id, cadeia, posicao, ocorrido_em, gravado_em, usuario, no_origem, endereco, acao, comando, entidade,
    registro_id, operation_id, resultado, detalhe, hash_anterior, hash
FROM trilha_auditoria;

DROP TABLE trilha_auditoria;

ALTER TABLE trilha_auditoria_v3 RENAME TO trilha_auditoria;

-- NULL positions never collide in a unique index (both engines): any number of unsealed entries per chain
CREATE UNIQUE INDEX ux_trilha_auditoria_posicao ON trilha_auditoria (cadeia, posicao);
CREATE INDEX ix_trilha_auditoria_ocorrido ON trilha_auditoria (ocorrido_em);
CREATE INDEX ix_trilha_auditoria_usuario ON trilha_auditoria (usuario, ocorrido_em);
CREATE INDEX ix_trilha_auditoria_registro ON trilha_auditoria (entidade, registro_id);
CREATE INDEX ix_trilha_auditoria_operacao ON trilha_auditoria (operation_id);
-- what the sealer looks for, in the order it seals: only unsealed entries are in it, so it stays small
CREATE INDEX ix_trilha_auditoria_nao_selada ON trilha_auditoria (cadeia, gravado_em, id) WHERE posicao IS NULL;
