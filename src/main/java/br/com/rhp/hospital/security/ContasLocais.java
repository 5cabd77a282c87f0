package br.com.rhp.hospital.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Reads the local accounts from configuration.
 *
 * <p>{@code HOSPITAL_USERS} holds accounts separated by {@code ;}, each {@code
 * name:bcrypt-hash:ROLE[,ROLE…][:UNIT_ID[,UNIT_ID…]]}, for example {@code maria:$2a$10$…:RECEPCAO}. The
 * optional fourth part limits the account to those units (ids of {@code unidade}); without it (or with it
 * empty) the account reaches every unit. The bootstrap
 * administrator comes from {@code HOSPITAL_ADMIN_USER} and {@code HOSPITAL_ADMIN_PASSWORD}; the
 * password is hashed in memory at start-up and never stored. There is no default password.
 */
final class ContasLocais {

    private static final Pattern NOME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    private ContasLocais() {}

    static List<UserDetails> ler(String usuarios, String adminUser, String adminPassword, PasswordEncoder encoder) {
        // keyed by the folded name: the in-memory store looks users up ignoring case, so "Maria" and
        // "maria" would be one login with two passwords
        Map<String, UserDetails> contas = new LinkedHashMap<>();
        if (usuarios != null && !usuarios.isBlank()) {
            for (String entrada : usuarios.split(";")) {
                if (entrada.isBlank()) {
                    continue;
                }
                UserDetails conta = conta(entrada.strip());
                if (contas.put(chave(conta.getUsername()), conta) != null) {
                    throw new IllegalStateException(
                            "HOSPITAL_USERS: account '" + conta.getUsername() + "' appears twice");
                }
            }
        }
        boolean temUsuario = adminUser != null && !adminUser.isBlank();
        boolean temSenha = adminPassword != null && !adminPassword.isEmpty();
        if (temUsuario != temSenha) {
            throw new IllegalStateException("set both HOSPITAL_ADMIN_USER and HOSPITAL_ADMIN_PASSWORD, or neither");
        }
        if (temUsuario) {
            String nome = adminUser.strip();
            validarNome(nome, "HOSPITAL_ADMIN_USER");
            if (adminPassword.length() < 12) {
                throw new IllegalStateException("HOSPITAL_ADMIN_PASSWORD must have at least 12 characters");
            }
            if (contas.containsKey(chave(nome))) {
                throw new IllegalStateException("HOSPITAL_ADMIN_USER '" + nome + "' is also in HOSPITAL_USERS");
            }
            contas.put(
                    chave(nome),
                    User.withUsername(nome)
                            .password(encoder.encode(adminPassword))
                            .roles(Papel.ADMIN.name())
                            .build());
        }
        return new ArrayList<>(contas.values());
    }

    private static UserDetails conta(String entrada) {
        String[] partes = entrada.split(":", -1);
        if (partes.length != 3 && partes.length != 4) {
            throw new IllegalStateException(
                    "HOSPITAL_USERS: each account must be name:bcrypt-hash:ROLE[,ROLE...][:UNIT_ID[,UNIT_ID...]] (an"
                            + " entry has " + partes.length + " parts)");
        }
        String nome = partes[0].strip();
        validarNome(nome, "HOSPITAL_USERS");
        String hash = partes[1].strip().replaceFirst("^\\{bcrypt}", "");
        if (!BCRYPT.matcher(hash).matches()) {
            throw new IllegalStateException("HOSPITAL_USERS: the password of '" + nome + "' is not a bcrypt hash");
        }
        String[] papeis = Arrays.stream(partes[2].split(","))
                .map(p -> p.strip().toUpperCase(Locale.ROOT))
                .filter(p -> !p.isEmpty())
                .toArray(String[]::new);
        if (papeis.length == 0) {
            throw new IllegalStateException("HOSPITAL_USERS: '" + nome + "' has no role");
        }
        for (String papel : papeis) {
            try {
                Papel.valueOf(papel);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("HOSPITAL_USERS: unknown role '" + papel + "' for '" + nome
                        + "'; roles are " + Arrays.toString(Papel.values()));
            }
        }
        List<GrantedAuthority> autoridades = new ArrayList<>();
        for (String papel : papeis) {
            autoridades.add(new SimpleGrantedAuthority("ROLE_" + papel));
        }
        if (partes.length == 4 && !partes[3].isBlank()) {
            autoridades.addAll(UnidadesDoUsuario.autoridades(unidades(nome, partes[3])));
        }
        return User.withUsername(nome).password(hash).authorities(autoridades).build();
    }

    private static List<UUID> unidades(String nome, String lista) {
        List<UUID> unidades = new ArrayList<>();
        for (String id : lista.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            try {
                unidades.add(UUID.fromString(id.strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(
                        "HOSPITAL_USERS: the units of '" + nome + "' must be unit ids (UUID) separated by commas");
            }
        }
        return unidades;
    }

    private static String chave(String nome) {
        return nome.toLowerCase(Locale.ROOT);
    }

    private static void validarNome(String nome, String chave) {
        if (!NOME.matcher(nome).matches()) {
            throw new IllegalStateException(chave + ": user names use letters, digits, . _ @ - (up to 64)");
        }
    }
}
