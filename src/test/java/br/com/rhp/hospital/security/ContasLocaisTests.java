package br.com.rhp.hospital.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class ContasLocaisTests {

    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);
    private static final String HASH = BCRYPT.encode("senha da maria");

    private static List<UserDetails> ler(String usuarios) {
        return ContasLocais.ler(usuarios, "", "", BCRYPT);
    }

    private static List<String> papeis(UserDetails conta) {
        return conta.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .sorted()
                .toList();
    }

    @Test
    void readsEveryAccountWithItsRolesAndHash() {
        List<UserDetails> contas = ler("maria:" + HASH + ":RECEPCAO;jose.silva:" + HASH + ":ENFERMAGEM,MEDICO");

        assertThat(contas).extracting(UserDetails::getUsername).containsExactly("maria", "jose.silva");
        assertThat(papeis(contas.get(0))).containsExactly("ROLE_RECEPCAO");
        assertThat(papeis(contas.get(1))).containsExactly("ROLE_ENFERMAGEM", "ROLE_MEDICO");
        assertThat(contas.get(0).getPassword()).isEqualTo(HASH);
        assertThat(BCRYPT.matches("senha da maria", contas.get(0).getPassword()))
                .isTrue();
    }

    @Test
    void toleratesSpacesEmptyEntriesLowerCaseRolesAndTheBcryptPrefix() {
        List<UserDetails> contas = ler(" maria : {bcrypt}" + HASH + " : recepcao , gestao_leitos ;; ");

        assertThat(contas).hasSize(1);
        assertThat(contas.get(0).getUsername()).isEqualTo("maria");
        assertThat(contas.get(0).getPassword()).isEqualTo(HASH);
        assertThat(papeis(contas.get(0))).containsExactly("ROLE_GESTAO_LEITOS", "ROLE_RECEPCAO");
    }

    @Test
    void anOptionalFourthPartLimitsTheAccountToThoseUnits() {
        String a = "01936f3e-0000-7000-8000-00000000000a";
        String b = "01936f3e-0000-7000-8000-00000000000b";
        List<UserDetails> contas = ler(
                "ana:" + HASH + ":ENFERMAGEM: " + a + " , " + b + ";bia:" + HASH + ":MEDICO:;caio:" + HASH + ":ADMIN");

        var ana = new UsernamePasswordAuthenticationToken(
                "ana", null, contas.get(0).getAuthorities());
        assertThat(UnidadesDoUsuario.de(ana)).contains(Set.of(UUID.fromString(a), UUID.fromString(b)));
        assertThat(papeis(contas.get(0))).contains("ROLE_ENFERMAGEM");
        // an empty fourth part, or none, is no limit
        for (UserDetails conta : contas.subList(1, 3)) {
            var auth = new UsernamePasswordAuthenticationToken(conta.getUsername(), null, conta.getAuthorities());
            assertThat(UnidadesDoUsuario.de(auth)).isEmpty();
        }
    }

    @Test
    void refusesAUnitThatIsNotAnId() {
        assertThatThrownBy(() -> ler("ana:" + HASH + ":ENFERMAGEM:UTI-ADULTO"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unit ids (UUID)");
        assertThatThrownBy(() -> ler("ana:" + HASH + ":ENFERMAGEM:" + "01936f3e-0000-7000-8000-00000000000a:x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 parts");
    }

    @Test
    void acceptsEveryBcryptVariant() {
        String b = HASH.replaceFirst("^\\$2a\\$", "\\$2b\\$");
        String y = HASH.replaceFirst("^\\$2a\\$", "\\$2y\\$");
        assertThat(ler("b:" + b + ":ADMIN;y:" + y + ":ADMIN")).hasSize(2);
    }

    @Test
    void noConfigurationMeansNoAccount() {
        assertThat(ContasLocais.ler("", "", "", BCRYPT)).isEmpty();
        assertThat(ContasLocais.ler(null, null, null, BCRYPT)).isEmpty();
        assertThat(ContasLocais.ler("  ", " ", "", BCRYPT)).isEmpty();
    }

    @Test
    void rejectsAnAccountThatAppearsTwice() {
        assertThatThrownBy(() -> ler("maria:" + HASH + ":RECEPCAO;maria:" + HASH + ":MEDICO"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'maria' appears twice");
    }

    @Test
    void rejectsTwoAccountsWhoseNamesDifferOnlyInCase() {
        // the account store folds case at login: "Maria" and "maria" would be one login with two passwords
        assertThatThrownBy(() -> ler("maria:" + HASH + ":RECEPCAO;Maria:" + HASH + ":MEDICO"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> ContasLocais.ler("Chefe:" + HASH + ":MEDICO", "chefe", "uma senha longa", BCRYPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("also in HOSPITAL_USERS");
    }

    @Test
    void rejectsAMalformedEntry() {
        assertThatThrownBy(() -> ler("maria:" + HASH))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name:bcrypt-hash:ROLE")
                .hasMessageContaining("2 parts");
        assertThatThrownBy(() -> ler("maria:" + HASH + ":RECEPCAO:extra:mais"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 parts");
        assertThatThrownBy(() -> ler("maria")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsAPasswordThatIsNotABcryptHashWithoutRepeatingIt() {
        assertThatThrownBy(() -> ler("maria:segredo123:RECEPCAO"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'maria' is not a bcrypt hash")
                .hasMessageNotContaining("segredo123");
        assertThatThrownBy(() -> ler("maria:{noop}segredo123:RECEPCAO"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("segredo123");
        // a truncated hash, as left by a bad copy and paste
        assertThatThrownBy(() -> ler("maria:" + HASH.substring(0, 40) + ":RECEPCAO"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not a bcrypt hash");
    }

    @Test
    void rejectsAnUnknownRoleNamingTheKnownOnes() {
        assertThatThrownBy(() -> ler("maria:" + HASH + ":RECEPCAO,FAXINA"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unknown role 'FAXINA'")
                .hasMessageContaining("HIGIENIZACAO");
    }

    @Test
    void rejectsAnAccountWithoutRole() {
        assertThatThrownBy(() -> ler("maria:" + HASH + ": , "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'maria' has no role");
    }

    @Test
    void rejectsAnInvalidUserName() {
        assertThatThrownBy(() -> ler("maria souza:" + HASH + ":RECEPCAO"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user names");
        assertThatThrownBy(() -> ler(":" + HASH + ":RECEPCAO")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ler("a".repeat(65) + ":" + HASH + ":RECEPCAO"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void addsTheBootstrapAdministratorWithAHashedPassword() {
        List<UserDetails> contas =
                ContasLocais.ler("maria:" + HASH + ":RECEPCAO", " chefe-ti ", "uma senha longa", BCRYPT);

        assertThat(contas).extracting(UserDetails::getUsername).containsExactly("maria", "chefe-ti");
        UserDetails admin = contas.get(1);
        assertThat(papeis(admin)).containsExactly("ROLE_ADMIN");
        assertThat(admin.getPassword()).isNotEqualTo("uma senha longa").startsWith("$2");
        assertThat(BCRYPT.matches("uma senha longa", admin.getPassword())).isTrue();
    }

    @Test
    void rejectsAnAdministratorPasswordShorterThanTwelveCharacters() {
        assertThatThrownBy(() -> ContasLocais.ler("", "chefe", "curta-11chr", BCRYPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 12 characters")
                .hasMessageNotContaining("curta-11chr");
        assertThat(ContasLocais.ler("", "chefe", "exatamente12", BCRYPT)).hasSize(1);
    }

    @Test
    void rejectsAnAdministratorUserWithoutPasswordAndTheOtherWayRound() {
        assertThatThrownBy(() -> ContasLocais.ler("", "chefe", "", BCRYPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set both HOSPITAL_ADMIN_USER and HOSPITAL_ADMIN_PASSWORD");
        assertThatThrownBy(() -> ContasLocais.ler("", "", "uma senha longa", BCRYPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set both");
        assertThatThrownBy(() -> ContasLocais.ler("", "  ", "uma senha longa", BCRYPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("set both");
    }

    @Test
    void rejectsAnAdministratorWhoIsAlsoAConfiguredUser() {
        assertThatThrownBy(() -> ContasLocais.ler("chefe:" + HASH + ":MEDICO", "chefe", "uma senha longa", BCRYPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("also in HOSPITAL_USERS");
    }

    @Test
    void rejectsAnInvalidAdministratorName() {
        assertThatThrownBy(() -> ContasLocais.ler("", "chefe ti", "uma senha longa", BCRYPT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("HOSPITAL_ADMIN_USER");
    }
}
