package br.com.rhp.hospital.web;

/** JSON names of this API: record components in camelCase appear as snake_case. */
final class NomesJson {

    private NomesJson() {}

    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && camel.charAt(i - 1) != '.' && camel.charAt(i - 1) != '[') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
