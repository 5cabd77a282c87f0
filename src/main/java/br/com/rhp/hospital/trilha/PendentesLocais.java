package br.com.rhp.hospital.trilha;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Audit entries that could not reach the central database when they happened — staging administration
 * (retry, discard) done while it was down — kept on this node until it answers again.
 *
 * <p>One file, {@code <STAGING_AREA_PATH>/trilha/pendentes.jsonl}: one JSON object per line (format
 * version 1), appended and flushed ({@code fsync}) before the administrator's action is answered, so an
 * acknowledged action is never missing from the trail. Each line carries the entry's id: sending it twice
 * (a crash after the commit, before the file is emptied) is recognised and has effect once. A line torn by
 * a crash is skipped. The file holds no patient data (who, what, which ids, when, from where) and is
 * created {@code 0600} in a {@code 0700} folder.
 */
final class PendentesLocais {

    private static final Logger log = LoggerFactory.getLogger(PendentesLocais.class);
    private static final int FORMAT_VERSION = 1;

    private final Path arquivo;
    private final JsonMapper json = JsonMapper.builder().build();

    PendentesLocais(Path pasta) {
        this.arquivo = pasta.resolve("pendentes.jsonl");
    }

    Path arquivo() {
        return arquivo;
    }

    /** Appends the event durably; it must carry its id. */
    synchronized void guardar(EventoDeAuditoria e) {
        ObjectNode n = json.createObjectNode();
        n.put("format_version", FORMAT_VERSION);
        n.put("id", e.id().toString());
        n.put("usuario", e.usuario());
        n.put("no_origem", e.noOrigem());
        n.put("endereco", e.endereco());
        n.put("ocorrido_em", e.ocorridoEm().toString());
        n.put("acao", e.acao().name());
        n.put("comando", e.comando());
        n.put("entidade", e.entidade());
        n.put("registro_id", e.registroId() == null ? null : e.registroId().toString());
        n.put("operation_id", e.operationId() == null ? null : e.operationId().toString());
        n.put("resultado", e.resultado().name());
        n.put("detalhe", e.detalhe());
        byte[] linha = (json.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            criarPasta();
            boolean novo = !Files.exists(arquivo);
            try (FileChannel channel = abrir()) {
                // a line torn by a crash must not swallow this one: start on a fresh line
                if (channel.size() > 0 && !terminaEmQuebra(channel)) {
                    channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
                }
                ByteBuffer buffer = ByteBuffer.wrap(linha);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (novo) {
                forcarPasta();
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot keep the audit entry on this node: " + arquivo, ex);
        }
    }

    /** What is kept, in the order it was kept. */
    synchronized List<EventoDeAuditoria> ler() {
        List<String> linhas;
        try {
            linhas = Files.readAllLines(arquivo, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + arquivo, e);
        }
        List<EventoDeAuditoria> eventos = new ArrayList<>();
        int ilegiveis = 0;
        for (String linha : linhas) {
            if (linha.isBlank()) {
                continue;
            }
            try {
                JsonNode n = json.readTree(linha);
                if (n.path("format_version").asInt() != FORMAT_VERSION) {
                    ilegiveis++;
                    continue;
                }
                eventos.add(new EventoDeAuditoria(
                        UUID.fromString(n.get("id").asString()),
                        n.get("usuario").asString(),
                        n.get("no_origem").asString(),
                        texto(n, "endereco"),
                        Instant.parse(n.get("ocorrido_em").asString()),
                        Acao.valueOf(n.get("acao").asString()),
                        texto(n, "comando"),
                        texto(n, "entidade"),
                        uuid(n, "registro_id"),
                        uuid(n, "operation_id"),
                        Resultado.valueOf(n.get("resultado").asString()),
                        texto(n, "detalhe")));
            } catch (RuntimeException e) { // JacksonException included
                ilegiveis++;
            }
        }
        if (ilegiveis > 0) {
            log.warn("{} unreadable line(s) in {} skipped (torn by a crash?)", ilegiveis, arquivo);
        }
        return eventos;
    }

    synchronized boolean vazio() {
        try {
            return !Files.exists(arquivo) || Files.size(arquivo) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** Forgets what is kept: call only once the database holds every entry {@link #ler} returned. */
    synchronized void esvaziar() {
        try {
            Files.deleteIfExists(arquivo);
            forcarPasta();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + arquivo, e);
        }
    }

    private FileChannel abrir() throws IOException {
        if (Files.exists(arquivo) || !posix()) {
            return FileChannel.open(
                    arquivo, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        }
        return FileChannel.open(
                arquivo,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }

    private boolean terminaEmQuebra(FileChannel channel) throws IOException {
        ByteBuffer ultimo = ByteBuffer.allocate(1);
        try (FileChannel leitura = FileChannel.open(arquivo, StandardOpenOption.READ)) {
            leitura.read(ultimo, channel.size() - 1);
        }
        return ultimo.get(0) == '\n';
    }

    private void criarPasta() throws IOException {
        Path pasta = arquivo.getParent();
        if (Files.isDirectory(pasta)) {
            return;
        }
        if (posix()) {
            Files.createDirectories(
                    pasta, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(pasta);
        }
        forcar(pasta.getParent());
    }

    private void forcarPasta() {
        forcar(arquivo.getParent());
    }

    private static void forcar(Path pasta) {
        if (pasta == null || !posix()) {
            return; // a folder cannot be flushed from Java on Windows
        }
        try (FileChannel channel = FileChannel.open(pasta, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            log.warn("Could not flush folder {}: {}", pasta, e.getMessage());
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault()
                .supportedFileAttributeViews()
                .contains("posix");
    }

    private static String texto(JsonNode n, String campo) {
        JsonNode v = n.get(campo);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static UUID uuid(JsonNode n, String campo) {
        String v = texto(n, campo);
        return v == null ? null : UUID.fromString(v);
    }
}
