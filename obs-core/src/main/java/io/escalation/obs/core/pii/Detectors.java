package io.escalation.obs.core.pii;

/**
 * Hand-written recognisers for the default PII types.
 *
 * <p>Every recogniser is a plain char loop that reads forward (or, for e-mail local parts and
 * {@code key=value} keys, backward) from a candidate position and never allocates. Each one reads a
 * bounded number of chars, or reads a value the caller then skips over, so a whole scan stays linear
 * in the length of the text. Recognisers return either an end index (or {@code -1}) or a packed
 * {@linkplain #span span} (or {@link #NO}).
 */
final class Detectors {

  /** No match. */
  static final long NO = -1L;

  /** Index into {@link #KEY_ATOMS} of {@code token}: all-digit values of {@code *_token} keys are counts. */
  private static final int ATOM_TOKEN = 5;

  /** Index into {@link #KEY_ATOMS} of {@code authorization}: its value may start with a scheme word. */
  private static final int ATOM_AUTHORIZATION = 10;

  /**
   * Key names whose value is a secret. A key matches when it is one of these (case and the
   * separators {@code _ - .} ignored) or ends with one after a separator or a camelCase hump.
   */
  private static final String[] KEY_ATOMS = {
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "secret",
    "token",
    "apikey",
    "secretkey",
    "privatekey",
    "secretaccesskey",
    "authorization",
  };

  /** The last chars of {@link #KEY_ATOMS}: a key ending otherwise is rejected without a look at it. */
  private static final String ATOM_LAST_CHARS = "detny";

  /**
   * Key names whose value, when it is nine digits, is a US social security or taxpayer number; matched
   * as {@link #KEY_ATOMS} are.
   */
  private static final String[] SSN_ATOMS = {
    "ssn",
    "ssnnumber",
    "socialsecurity",
    "socialsecuritynumber",
    "taxid",
    "taxidnumber",
    "taxpayerid",
    "tin",
    "itin",
  };

  /** The last chars of {@link #SSN_ATOMS}. */
  private static final String SSN_LAST_CHARS = "ndyr";

  /** Key names whose value is a cookie header; {@code Set-Cookie} first, the key then is the whole atom. */
  private static final String[] COOKIE_ATOMS = {"setcookie", "cookie"};

  private static final boolean[] TOKEN_CHAR = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      TOKEN_CHAR[c] = isAsciiAlnum(c) || c == '_' || c == '-';
    }
  }

  /** ISO 3166 codes of the countries that issue IBANs. */
  private static final String IBAN_COUNTRIES =
      "AD AE AL AT AZ BA BE BG BH BI BR BY CH CR CY CZ DE DJ DK DO EE EG ES FI FK FO FR GB GE GI GL"
          + " GR GT HN HR HU IE IL IQ IS IT JO KW KZ LB LC LI LT LU LV LY MC MD ME MK MN MR MT MU NI"
          + " NL NO OM PK PL PS PT QA RO RS RU SA SC SD SE SI SK SM SO ST SV TL TN TR UA VA VG XK YE";

  private static final boolean[] IBAN_COUNTRY = new boolean[26 * 26];

  static {
    for (int k = 0; k + 1 < IBAN_COUNTRIES.length(); k += 3) {
      IBAN_COUNTRY[(IBAN_COUNTRIES.charAt(k) - 'A') * 26 + (IBAN_COUNTRIES.charAt(k + 1) - 'A')] = true;
    }
  }

  private Detectors() {}

  // ---------------------------------------------------------------- spans

  static long span(int start, int end) {
    return ((long) start << 32) | (end & 0xFFFF_FFFFL);
  }

  static int start(long span) {
    return (int) (span >>> 32);
  }

  static int end(long span) {
    return (int) span;
  }

  // ---------------------------------------------------------------- char classes

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  static boolean isAsciiLetter(char c) {
    return isUpper(c) || isLower(c);
  }

  static boolean isAsciiAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  static boolean isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Letters, digits and {@code _}, including non-ASCII letters and digits. */
  static boolean isWord(char c) {
    return c < 128 ? isAsciiAlnum(c) || c == '_' : Character.isLetterOrDigit(c);
  }

  /** The chars of identifiers and API keys: ASCII letters, digits, {@code _} and {@code -}. */
  static boolean isTokenChar(char c) {
    return c < 128 && TOKEN_CHAR[c];
  }

  private static char lower(char c) {
    return isUpper(c) ? (char) (c + ('a' - 'A')) : c;
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /** Index of the first char at or after {@code p} that is not a token char. */
  static int skipToken(String s, int p) {
    int n = s.length();
    while (p < n && isTokenChar(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Number of digits starting at {@code p}, counting at most {@code max}. */
  static int digitRun(String s, int p, int max) {
    int n = s.length();
    int q = p;
    while (q < n && q - p < max && isDigit(s.charAt(q))) {
      q++;
    }
    return q - p;
  }

  /** Exactly {@code count} digits at {@code p}, not followed by another digit. */
  private static boolean digitsAt(String s, int p, int count) {
    return p + count <= s.length() && digitRun(s, p, count + 1) == count;
  }

  private static int number(String s, int p, int count) {
    int v = 0;
    for (int k = p; k < p + count; k++) {
      v = v * 10 + (s.charAt(k) - '0');
    }
    return v;
  }

  // ---------------------------------------------------------------- boundaries

  /**
   * True when a number may start at {@code i}: it is not glued to a word, a decimal point or a
   * {@code +} sign, and not the tail of a hyphenated id such as {@code ORD-2026-000123}.
   */
  static boolean numberStartsAt(String s, int i) {
    if (i == 0) {
      return true;
    }
    char p = s.charAt(i - 1);
    if (isWord(p) || p == '.' || p == '+') {
      return false;
    }
    return p != '-' || i < 2 || !isWord(s.charAt(i - 2));
  }

  /**
   * True when a number may end at {@code e}: the next char is not a word char or {@code @} (an e-mail
   * local part), and not a {@code .} or {@code -} that continues the number with a digit.
   */
  static boolean numberEndsAt(String s, int e) {
    int n = s.length();
    if (e >= n) {
      return true;
    }
    char c = s.charAt(e);
    if (isWord(c) || c == '@') {
      return false;
    }
    return !((c == '.' || c == '-') && e + 1 < n && isDigit(s.charAt(e + 1)));
  }

  /** True when a key, token or IBAN may start at {@code i}: not inside a word or dotted/hyphenated name. */
  static boolean wordStartsAt(String s, int i) {
    if (i == 0) {
      return true;
    }
    char p = s.charAt(i - 1);
    return !isWord(p) && p != '-' && p != '.';
  }

  /** True when an IPv6 address may start at {@code i}. */
  static boolean ipv6StartsAt(String s, int i) {
    if (i == 0) {
      return true;
    }
    char p = s.charAt(i - 1);
    return !isWord(p) && p != ':' && p != '.' && p != '-';
  }

  // ---------------------------------------------------------------- IP addresses

  /**
   * End of a dotted quad at {@code i} whose octets are all at most 255, or -1. A quad followed by a
   * further {@code .digit} is a version number ({@code 1.2.3.4.5}), not an address.
   */
  static int ipv4End(String s, int i) {
    int n = s.length();
    int p = i;
    for (int octet = 0; octet < 4; octet++) {
      int len = digitRun(s, p, 4);
      if (len == 0 || len > 3 || number(s, p, len) > 255) {
        return -1;
      }
      p += len;
      if (octet < 3) {
        if (p >= n || s.charAt(p) != '.') {
          return -1;
        }
        p++;
      }
    }
    if (p < n) {
      char c = s.charAt(p);
      if (isWord(c) || c == '@' || (c == '.' && p + 1 < n && isDigit(s.charAt(p + 1)))) {
        return -1;
      }
    }
    return p;
  }

  /** True for 127.x.x.x (loopback) and 0.0.0.0 (unspecified). */
  static boolean isLocalIpv4(String s, int a, int b) {
    if (s.startsWith("127.", a)) {
      return true;
    }
    for (int k = a; k < b; k++) {
      char c = s.charAt(k);
      if (c != '0' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /**
   * End of an IPv6 address at {@code i} (full eight groups, or {@code ::}-compressed with at least one
   * digit so words like {@code cafe::face} stay), optionally ending in an embedded IPv4; or -1.
   */
  static int ipv6End(String s, int i) {
    int n = s.length();
    int p = i;
    int groups = 0;
    int end = -1;
    boolean compressed = false;
    boolean digit = false;
    if (p + 1 < n && s.charAt(p) == ':' && s.charAt(p + 1) == ':') {
      compressed = true;
      p += 2;
      end = p;
    }
    while (p < n) {
      int q = p;
      while (q < n && q - p < 5 && isHex(s.charAt(q))) {
        digit |= isDigit(s.charAt(q));
        q++;
      }
      int len = q - p;
      if (len == 0) {
        break;
      }
      if (len > 4) {
        return -1;
      }
      if (q < n && s.charAt(q) == '.' && q + 1 < n && isDigit(s.charAt(q + 1))) {
        int v4 = ipv4End(s, p);
        if (v4 < 0 || groups > 6) {
          return -1;
        }
        groups += 2;
        end = v4;
        break;
      }
      groups++;
      if (groups > 8) {
        return -1;
      }
      end = q;
      p = q;
      if (p + 1 < n && s.charAt(p) == ':') {
        char next = s.charAt(p + 1);
        if (next == ':') {
          if (compressed) {
            return -1;
          }
          compressed = true;
          p += 2;
          end = p;
          continue;
        }
        if (isHex(next)) {
          p++;
          continue;
        }
      }
      break;
    }
    if (end < 0 || (compressed ? groups > 7 || !digit : groups != 8)) {
      return -1;
    }
    if (end < n && (isWord(s.charAt(end)) || s.charAt(end) == '@')) {
      return -1;
    }
    return end;
  }

  /** True when one to four hex digits at {@code i} are followed by {@code :}: an IPv6 address may start. */
  static boolean hexRunThenColon(String s, int i) {
    int n = s.length();
    for (int q = i; q < n && q - i <= 4; q++) {
      char c = s.charAt(q);
      if (c == ':') {
        return q > i;
      }
      if (!isHex(c)) {
        return false;
      }
    }
    return false;
  }

  /** True for {@code ::1}, {@code ::} and their longer spellings. */
  static boolean isLocalIpv6(String s, int a, int b) {
    for (int k = a; k < b; k++) {
      char c = s.charAt(k);
      if (c != '0' && c != ':' && !(c == '1' && k == b - 1)) {
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- numbers

  /** End of a US SSN {@code 123-45-6789} or {@code 123 45 6789} at {@code i}, or -1. */
  static int ssnEnd(String s, int i) {
    if (i + 11 > s.length()) {
      return -1;
    }
    char sep = s.charAt(i + 3);
    if ((sep != '-' && sep != ' ') || s.charAt(i + 6) != sep) {
      return -1;
    }
    if (!digitsAt(s, i, 3) || !digitsAt(s, i + 4, 2) || !digitsAt(s, i + 7, 4)) {
      return -1;
    }
    int area = number(s, i, 3);
    if (area == 0 || area == 666 || area >= 900 || number(s, i + 4, 2) == 0 || number(s, i + 7, 4) == 0) {
      return -1;
    }
    return numberEndsAt(s, i + 11) ? i + 11 : -1;
  }

  /**
   * End of a Luhn-valid card number at {@code i}: 13 to 19 digits, either in one run or in groups of
   * 3 to 6 digits joined by single spaces or dashes (the first group 4 to 6). The first digit must be
   * 2 to 6 (the issuers in use), which also keeps epoch milliseconds ({@code 17...}) out. When
   * space-separated groups run on, the longest valid prefix wins. Returns -1 when none.
   */
  static int cardEnd(String s, int i) {
    int n = s.length();
    char first = s.charAt(i);
    if (first < '2' || first > '6') {
      return -1;
    }
    int run = digitRun(s, i, 20);
    if (run >= 13) {
      return run <= 19 && numberEndsAt(s, i + run) && luhn(s, i, i + run) ? i + run : -1;
    }
    if (run < 4 || run > 6 || i + run >= n) {
      return -1;
    }
    char sep = s.charAt(i + run);
    if (sep != ' ' && sep != '-') {
      return -1;
    }
    int digits = run;
    int p = i + run;
    int best = -1;
    while (p < n && s.charAt(p) == sep) {
      int group = digitRun(s, p + 1, 7);
      if (group < 3 || group > 6 || digits + group > 19) {
        break;
      }
      digits += group;
      p += 1 + group;
      if (digits >= 13 && numberEndsAt(s, p) && luhn(s, i, p)) {
        best = p;
      }
    }
    return best;
  }

  /** Luhn check over the digits in {@code [a, b)}, skipping separators. */
  static boolean luhn(String s, int a, int b) {
    int sum = 0;
    boolean twice = false;
    for (int k = b - 1; k >= a; k--) {
      char c = s.charAt(k);
      if (!isDigit(c)) {
        continue;
      }
      int d = c - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static boolean isPhoneSep(char c) {
    return c == '-' || c == '.' || c == ' ';
  }

  /**
   * End of a NANP number at digit {@code i}: an optional {@code 1} plus separator, then {@code 415
   * 555 2671} with any of {@code - . space} between the parts, or {@code (415) 555-2671}, or ten bare
   * digits, or eleven bare digits starting with the country code {@code 1}. Area code and exchange
   * must start with 2-9. Returns -1 when none.
   */
  static int nanpEnd(String s, int i) {
    int n = s.length();
    if (s.charAt(i) == '1' && i + 2 < n && isPhoneSep(s.charAt(i + 1))) {
      char c = s.charAt(i + 2);
      if (isDigit(c) || c == '(') {
        return nanpCore(s, i + 2, false);
      }
    }
    if (s.charAt(i) == '1' && digitRun(s, i, 12) == 11) {
      return nanpCore(s, i + 1, true);
    }
    return nanpCore(s, i, true);
  }

  /** A NANP number without the leading country code, at a digit or {@code (}; or -1. */
  static int nanpCore(String s, int p, boolean bareAllowed) {
    int n = s.length();
    int area;
    int exchange;
    int end;
    if (p < n && s.charAt(p) == '(') {
      if (!digitsAt(s, p + 1, 3) || p + 4 >= n || s.charAt(p + 4) != ')') {
        return -1;
      }
      area = p + 1;
      int q = p + 5;
      if (q < n && (s.charAt(q) == ' ' || s.charAt(q) == '-')) {
        q++;
      }
      if (!digitsAt(s, q, 3)) {
        return -1;
      }
      exchange = q;
      q += 3;
      if (q < n && isPhoneSep(s.charAt(q))) {
        q++;
      }
      if (!digitsAt(s, q, 4)) {
        return -1;
      }
      end = q + 4;
    } else {
      if (!digitsAt(s, p, 3)) {
        if (!bareAllowed || digitRun(s, p, 11) != 10) {
          return -1;
        }
        area = p;
        exchange = p + 3;
        end = p + 10;
      } else {
        if (p + 3 >= n || !isPhoneSep(s.charAt(p + 3)) || !digitsAt(s, p + 4, 3)) {
          return -1;
        }
        if (p + 7 >= n || !isPhoneSep(s.charAt(p + 7)) || !digitsAt(s, p + 8, 4)) {
          return -1;
        }
        area = p;
        exchange = p + 4;
        end = p + 12;
      }
    }
    if (s.charAt(area) < '2' || s.charAt(exchange) < '2') {
      return -1;
    }
    int ext = extensionEnd(s, end);
    return ext >= 0 ? ext : numberEndsAt(s, end) ? end : -1;
  }

  /**
   * End of a phone extension right after a number ending at {@code e}: {@code x123}, {@code ext.12},
   * {@code  ext 1234} (an optional space, {@code x} or {@code ext} in any case, an optional dot and
   * space, one to six digits, then the end of the number); or -1.
   */
  static int extensionEnd(String s, int e) {
    int n = s.length();
    int q = e < n && s.charAt(e) == ' ' ? e + 1 : e;
    char mark = q < n ? lower(s.charAt(q)) : ' ';
    if (mark == 'x') {
      q++;
    } else if (mark == 'e' && q + 2 < n && lower(s.charAt(q + 1)) == 'x' && lower(s.charAt(q + 2)) == 't') {
      q += 3;
      if (q < n && s.charAt(q) == '.') {
        q++;
      }
    } else {
      return -1;
    }
    if (q < n && s.charAt(q) == ' ') {
      q++;
    }
    int digits = digitRun(s, q, 7);
    int end = q + digits;
    if (digits == 0 || digits > 6 || !numberEndsAt(s, end)) {
      return -1;
    }
    // "x 4111 1111 ...": the digits may start a number of their own; end the phone before the
    // extension when it can end there
    if (end + 1 < n && isPhoneSep(s.charAt(end)) && isDigit(s.charAt(end + 1)) && numberEndsAt(s, e)) {
      return -1;
    }
    return end;
  }

  /**
   * True when the number at {@code i} follows a version word ({@code version 1.2.3.4},
   * {@code Ver: 2.0.1.5}, {@code firmware=4.2.0.17}), not reaching back before {@code floor}: a dotted
   * quad there is a version, not an IPv4 address. Words like "build" or "release" are left out: they
   * also precede addresses ("DHCP release 203.0.113.9"). {@code v1.2.3.4} never reaches this: a
   * number does not start inside a word.
   */
  static boolean afterVersionWord(String s, int i, int floor) {
    int k = i;
    for (int skipped = 0; k > floor && skipped < 2 && (s.charAt(k - 1) == ' ' || s.charAt(k - 1) == ':'
        || s.charAt(k - 1) == '='); skipped++) {
      k--;
    }
    if (k == i) {
      return false;
    }
    int w = k;
    while (w > floor && k - w < 8 && isAsciiLetter(s.charAt(w - 1))) {
      w--;
    }
    // a word cut by the floor (text masked before it) or inside a longer word is no version word
    if (w > 0 && (w == floor || isWord(s.charAt(w - 1)))) {
      return false;
    }
    int len = k - w;
    for (String word : VERSION_WORDS) {
      if (word.length() == len && s.regionMatches(true, w, word, 0, len)) {
        return true;
      }
    }
    return false;
  }

  private static final String[] VERSION_WORDS = {"version", "ver", "firmware"};

  /**
   * End of an international number at {@code +} index {@code i}: 8 to 15 digits (11 after {@code +1}) in groups joined by
   * single spaces, dashes or dots, a group optionally in parentheses. The longest run of groups that
   * stays within 15 digits wins. Returns -1 when none.
   */
  static int intlPhoneEnd(String s, int i) {
    int p = i + 1;
    if (p >= s.length() || s.charAt(p) < '1' || s.charAt(p) > '9') {
      return -1;
    }
    // country codes starting with 1 are all NANP's 1: eleven digits in all, so "+1 415 555 2671(212)..."
    // ends before the parenthesis; a +1 number that cannot end at eleven (+1-415-555-2671-123) is
    // masked whole, as any other country's
    int end = s.charAt(p) == '1' ? intlPhoneEnd(s, i, 11) : -1;
    return end >= 0 ? end : intlPhoneEnd(s, i, 15);
  }

  private static int intlPhoneEnd(String s, int i, int limit) {
    int n = s.length();
    int p = i + 1;
    int digits = 0;
    int best = -1;
    while (p < n) {
      boolean paren = s.charAt(p) == '(';
      int g0 = paren ? p + 1 : p;
      int group = digitRun(s, g0, 16);
      if (group == 0) {
        break;
      }
      int q = g0 + group;
      if (paren) {
        if (q >= n || s.charAt(q) != ')') {
          break;
        }
        q++;
      }
      if (digits + group > limit) {
        if (digits == 0) {
          return -1;
        }
        break;
      }
      digits += group;
      if (digits >= 8) {
        int ext = extensionEnd(s, q);
        if (ext >= 0) {
          best = ext;
        } else if (numberEndsAt(s, q)) {
          best = q;
        }
      }
      if (q + 1 < n && isPhoneSep(s.charAt(q)) && (isDigit(s.charAt(q + 1)) || s.charAt(q + 1) == '(')) {
        p = q + 1;
      } else if (q < n && s.charAt(q) == '(') {
        p = q;
      } else {
        break;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- e-mail and URLs

  /** Local-part chars, including the non-ASCII letters of internationalised addresses. */
  private static boolean isLocalChar(char c) {
    return c < 128 ? isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
        : Character.isLetterOrDigit(c);
  }

  /** Domain label chars, including the non-ASCII letters of internationalised domain names. */
  private static boolean isLabelChar(char c) {
    return c < 128 ? isAsciiAlnum(c) || c == '-' : Character.isLetterOrDigit(c);
  }

  private static boolean isLetter(char c) {
    return c < 128 ? isAsciiLetter(c) : Character.isLetter(c);
  }

  /**
   * The e-mail address around the {@code @} at {@code at}: a local part (not reaching back before
   * {@code floor}) and a domain of two or more labels ending in an alphabetic top-level domain. The
   * local part may be longer than the 64 chars RFC 5321 allows: such addresses are still someone's.
   * Reading it back stays linear over a whole text: {@code @} is no local-part char, so the runs read
   * back from two {@code @}s never overlap.
   */
  static long emailAt(String s, int at, int floor) {
    int n = s.length();
    int b = at;
    while (b > floor && isLocalChar(s.charAt(b - 1))) {
      b--;
    }
    while (b < at && s.charAt(b) == '.') {
      b++;
    }
    if (b == at) {
      return NO;
    }
    int p = at + 1;
    int labels = 0;
    int end = -1;
    while (p < n && p - at <= 253) {
      int q = p;
      boolean alpha = true;
      while (q < n && q - p < 64 && isLabelChar(s.charAt(q))) {
        alpha &= isLetter(s.charAt(q));
        q++;
      }
      if (q == p) {
        break;
      }
      labels++;
      if (labels >= 2 && alpha && q - p >= 2) {
        end = q;
      }
      if (q + 1 < n && s.charAt(q) == '.' && isLabelChar(s.charAt(q + 1))) {
        p = q + 1;
      } else {
        break;
      }
    }
    if (end < 0 || (end < n && isWord(s.charAt(end)))) {
      return NO;
    }
    return span(b, end);
  }

  /**
   * The password in the user info of a URL whose {@code ://} starts at {@code i}: between the first
   * {@code :} and the last {@code @} of the authority.
   */
  static long urlPasswordAt(String s, int i) {
    if (i == 0 || !isAsciiAlnum(s.charAt(i - 1))) {
      return NO;
    }
    int n = s.length();
    int p = i + 3;
    int at = -1;
    for (int q = p; q < n; q++) {
      char c = s.charAt(q);
      if (c == '/' || c == '?' || c == '#' || c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>'
          || c == '`') {
        break;
      }
      if (c == '@') {
        at = q;
      }
    }
    if (at < 0) {
      return NO;
    }
    for (int q = p; q < at; q++) {
      if (s.charAt(q) == ':') {
        return q + 1 < at ? span(q + 1, at) : NO;
      }
    }
    return NO;
  }

  // ---------------------------------------------------------------- key=value secrets

  private static boolean isKeyChar(char c) {
    return isAsciiAlnum(c) || c == '_' || c == '-' || c == '.';
  }

  private static boolean isValueEnd(char c) {
    return c <= ' ' || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' || c == ')' || c == '}'
        || c == ']' || c == '<' || c == '>';
  }

  private static int unquotedEnd(String s, int p) {
    int n = s.length();
    while (p < n && !isValueEnd(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Index of the closing {@code quote} of a value starting at {@code p}, honouring backslash escapes. */
  private static int closingQuote(String s, int p, char quote) {
    int n = s.length();
    for (int q = p; q < n && q - p < 512; q++) {
      char c = s.charAt(q);
      if (c == quote) {
        return q;
      }
      if (c == '\n' || c == '\r') {
        return -1;
      }
      if (c == '\\') {
        q++;
      }
    }
    return -1;
  }

  /**
   * The secret value of a {@code key=value}, {@code key: value} or JSON {@code "key":"value"} pair
   * whose separator is at {@code i}; the key is read backwards, not before {@code floor}.
   */
  static long keyValueAt(String s, int i, int floor) {
    int n = s.length();
    if (i + 1 < n && s.charAt(i + 1) == s.charAt(i)) {
      return NO;
    }
    int atom = keyAtom(s, i, floor, KEY_ATOMS, ATOM_LAST_CHARS);
    if (atom < 0) {
      return NO;
    }
    boolean suffix = atom >= KEY_ATOMS.length;
    atom %= KEY_ATOMS.length;

    int p = i + 1;
    while (p < n && p - i <= 4 && isBlank(s.charAt(p))) {
      p++;
    }
    if (p >= n) {
      return NO;
    }
    int vs;
    int ve;
    boolean quoted = false;
    char q = s.charAt(p);
    if (q == '"' || q == '\'') {
      vs = p + 1;
      ve = closingQuote(s, vs, q);
      quoted = ve >= 0;
    } else {
      vs = p;
      ve = -1;
    }
    if (!quoted) {
      int masked = maskTokenEnd(s, vs);
      ve = masked > 0 ? masked : unquotedEnd(s, vs);
    }
    if (atom == ATOM_AUTHORIZATION) {
      int w = vs;
      while (w < n && w - vs <= 20 && isAsciiLetter(s.charAt(w))) {
        w++;
      }
      if (w > vs && w < n && s.charAt(w) == ' ') {
        int t = w;
        while (t < n && t - w < 4 && s.charAt(t) == ' ') {
          t++;
        }
        if (t < n && !isValueEnd(s.charAt(t)) && (!quoted || t < ve)) {
          vs = t;
          if (!quoted) {
            int masked = maskTokenEnd(s, vs);
            ve = masked > 0 ? masked : unquotedEnd(s, vs);
          }
        }
      }
    }
    if (ve <= vs) {
      return NO;
    }
    if (atom == ATOM_AUTHORIZATION && (isWordValue(s, vs, ve, "bearer") || isWordValue(s, vs, ve, "basic"))) {
      return NO;
    }
    if (!quoted && (isWordValue(s, vs, ve, "true") || isWordValue(s, vs, ve, "false")
        || isWordValue(s, vs, ve, "null"))) {
      return NO;
    }
    if (suffix && atom == ATOM_TOKEN && allDigits(s, vs, ve)) {
      return NO;
    }
    return span(vs, ve);
  }

  /**
   * Which of {@code atoms} the key before the separator at {@code i} names (read backwards, not before
   * {@code floor}, over blanks and a closing quote): as {@link #matchKey}, or -1. Keys whose last char
   * is not in {@code lastChars} are rejected without a look at the rest.
   */
  private static int keyAtom(String s, int i, int floor, String[] atoms, String lastChars) {
    int k = i;
    while (k > floor && i - k < 4 && isBlank(s.charAt(k - 1))) {
      k--;
    }
    if (k > floor && (s.charAt(k - 1) == '"' || s.charAt(k - 1) == '\'')) {
      k--;
    }
    int keyEnd = k;
    if (k == floor || lastChars.indexOf(lower(s.charAt(k - 1))) < 0) {
      return -1;
    }
    while (k > floor && keyEnd - k < 64 && isKeyChar(s.charAt(k - 1))) {
      k--;
    }
    if (k == keyEnd) {
      return -1;
    }
    boolean truncated = k > floor && isKeyChar(s.charAt(k - 1));
    return matchKey(s, k, keyEnd, truncated, atoms);
  }

  /**
   * Where the value after the separator at {@code i} starts: past up to four blanks and an opening
   * quote; {@code n} when there is none.
   */
  private static int valueStart(String s, int i) {
    int n = s.length();
    int p = i + 1;
    while (p < n && p - i <= 4 && isBlank(s.charAt(p))) {
      p++;
    }
    if (p < n && (s.charAt(p) == '"' || s.charAt(p) == '\'')) {
      p++;
    }
    return p;
  }

  /**
   * A social security or taxpayer number as the value of a key naming one ({@code ssn=123456789},
   * {@code "social_security_number":"123456789"}, {@code taxId: 12-3456789}) whose separator is at
   * {@code i}; the key is read backwards, not before {@code floor}. Nine bare digits are too common to
   * mask anywhere else; under such a key any nine digits are masked, as {@code 123456789},
   * {@code 123-45-6789}, {@code 123 45 6789} or {@code 12-3456789}, impossible SSNs and ITINs
   * included.
   */
  static long ssnKeyValueAt(String s, int i, int floor) {
    int n = s.length();
    if (i + 1 < n && s.charAt(i + 1) == s.charAt(i)) {
      return NO;
    }
    int p = valueStart(s, i);
    if (p >= n || !isDigit(s.charAt(p))) {
      return NO;
    }
    int e = nineDigitsEnd(s, p);
    if (e < 0 || keyAtom(s, i, floor, SSN_ATOMS, SSN_LAST_CHARS) < 0) {
      return NO;
    }
    return span(p, e);
  }

  /** End of nine digits at {@code p}, bare or as 3-2-4 (dashes or spaces) or 2-7 (a dash), or -1. */
  private static int nineDigitsEnd(String s, int p) {
    int n = s.length();
    int first = digitRun(s, p, 10);
    int e = -1;
    if (first == 9) {
      e = p + 9;
    } else if (first == 3 && p + 11 <= n) {
      char sep = s.charAt(p + 3);
      if ((sep == '-' || sep == ' ') && s.charAt(p + 6) == sep && digitsAt(s, p + 4, 2) && digitsAt(s, p + 7, 4)) {
        e = p + 11;
      }
    } else if (first == 2 && p + 10 <= n && s.charAt(p + 2) == '-' && digitsAt(s, p + 3, 7)) {
      e = p + 10;
    }
    return e >= 0 && numberEndsAt(s, e) ? e : -1;
  }

  /**
   * The values of a cookie header whose separator is at {@code i} ({@code Cookie: sid=abc; lang=en},
   * {@code "cookie":"sid=abc"}): the span from the first value to the last, the key read backwards not
   * before {@code floor}. Of a {@code Set-Cookie} header only the cookie's own value is taken: the
   * attributes after it ({@code Path}, {@code Expires}, ...) are no secret. Only {@code name=value}
   * pairs count, so prose such as "cookie: missing" stays.
   */
  static long cookieAt(String s, int i, int floor) {
    int n = s.length();
    if (i + 1 < n && s.charAt(i + 1) == s.charAt(i)) {
      return NO;
    }
    int atom = keyAtom(s, i, floor, COOKIE_ATOMS, "e");
    if (atom < 0) {
      return NO;
    }
    int p = valueStart(s, i);
    char quote = p > i + 1 && (s.charAt(p - 1) == '"' || s.charAt(p - 1) == '\'') ? s.charAt(p - 1) : 0;
    int first = -1;
    int last = -1;
    boolean all = atom % COOKIE_ATOMS.length != 0;
    while (p < n) {
      int name = p;
      while (p < n && isCookieNameChar(s.charAt(p)) && s.charAt(p) != quote) {
        p++;
      }
      if (p == name || p >= n || s.charAt(p) != '=') {
        break;
      }
      int vs = p + 1;
      int ve = cookieValueEnd(s, vs, quote);
      if (ve > vs) {
        first = first < 0 ? vs : first;
        last = ve;
      }
      p = ve;
      if (!all || p >= n || s.charAt(p) != ';') {
        break;
      }
      p++;
      if (p < n && s.charAt(p) == ' ') {
        p++;
      }
    }
    return first < 0 ? NO : span(first, last);
  }

  /**
   * Appends the cookie pairs in {@code [a, b)}, a span {@link #cookieAt} found, with every non-empty
   * value replaced by {@code label} and the names and separators between them kept.
   */
  static void appendCookieMasked(StringBuilder out, String s, int a, int b, String label) {
    int p = a;
    while (p < b) {
      int ve = Math.min(cookieValueEnd(s, p, (char) 0), b);
      if (ve > p) {
        out.append(label);
      }
      int eq = ve;
      while (eq < b && s.charAt(eq) != '=') {
        eq++;
      }
      out.append(s, ve, Math.min(eq + 1, b));
      p = eq + 1;
    }
  }

  /** End of a cookie value at {@code p}: a double-quoted value whole, else up to {@code ; , "} or a blank. */
  private static int cookieValueEnd(String s, int p, char quote) {
    int n = s.length();
    if (p < n && s.charAt(p) == '"' && quote != '"') {
      for (int q = p + 1; q < n && q - p < 4096; q++) {
        char c = s.charAt(q);
        if (c == '"') {
          return q + 1;
        }
        if (c <= ' ' || c == ';' || c == ',' || c == '\\') {
          break;
        }
      }
    }
    int q = p;
    while (q < n) {
      char c = s.charAt(q);
      if (c <= ' ' || c == ';' || c == ',' || c == '"' || c == '\\' || c == quote || c == 127) {
        break;
      }
      q++;
    }
    return q;
  }

  /** The token chars RFC 6265 allows in a cookie name. */
  private static boolean isCookieNameChar(char c) {
    return c < 128 && (isAsciiAlnum(c) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
  }

  private static boolean isWordValue(String s, int a, int b, String word) {
    return b - a == word.length() && s.regionMatches(true, a, word, 0, word.length());
  }

  private static boolean allDigits(String s, int a, int b) {
    for (int k = a; k < b; k++) {
      if (!isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Which of {@code atoms} the key in {@code [ks, ke)} names: its index when the whole key is the
   * atom, index + {@code atoms.length} when the key ends with it, -1 when none.
   */
  private static int matchKey(String s, int ks, int ke, boolean truncated, String[] atoms) {
    char last = lower(s.charAt(ke - 1));
    for (int a = 0; a < atoms.length; a++) {
      String atom = atoms[a];
      if (atom.charAt(atom.length() - 1) != last) {
        continue;
      }
      int start = atomStart(s, ks, ke, atom);
      if (start < 0) {
        continue;
      }
      if (start == ks) {
        if (!truncated) {
          return a;
        }
        continue;
      }
      char before = s.charAt(start - 1);
      if (before == '_' || before == '-' || before == '.') {
        return a + atoms.length;
      }
      if (isUpper(s.charAt(start)) && (isLower(before) || isDigit(before))) {
        return a + atoms.length;
      }
    }
    return -1;
  }

  /** Where {@code atom} starts when the key {@code [ks, ke)} ends with it (separators inside ignored). */
  private static int atomStart(String s, int ks, int ke, String atom) {
    int k = ke;
    int a = atom.length();
    while (a > 0) {
      if (k <= ks) {
        return -1;
      }
      char c = s.charAt(k - 1);
      if ((c == '_' || c == '-' || c == '.') && a < atom.length()) {
        k--;
        continue;
      }
      if (lower(c) != atom.charAt(a - 1)) {
        return -1;
      }
      a--;
      k--;
    }
    return k;
  }

  // ---------------------------------------------------------------- prefixed tokens

  /** True for the first letters of the tokens {@link #tokenAt} knows. */
  static boolean mayStartToken(char c) {
    switch (c) {
      case 's':
      case 'r':
      case 'p':
      case 'A':
      case 'S':
      case 'g':
      case 'x':
      case 'e':
      case 'B':
      case 'b':
        return true;
      default:
        return false;
    }
  }

  /**
   * A known API key or token starting at {@code i}: OpenAI/Anthropic {@code sk-}, Stripe, AWS access
   * key ids, Twilio API key sids, GitHub, Slack, JWTs, and the credential after {@code Bearer}.
   */
  static long tokenAt(String s, int i) {
    int n = s.length();
    if (i + 2 >= n) {
      return NO;
    }
    // Most words fail on their second char, before any prefix comparison.
    char second = s.charAt(i + 1);
    switch (s.charAt(i)) {
      case 's':
        if (second != 'k') {
          return NO;
        }
        if (s.startsWith("sk-", i)) {
          return run(s, i, i + 3, 20);
        }
        if (s.startsWith("sk_live_", i) || s.startsWith("sk_test_", i)) {
          return run(s, i, i + 8, 10);
        }
        return NO;
      case 'r':
        return second == 'k' && (s.startsWith("rk_live_", i) || s.startsWith("rk_test_", i)) ? run(s, i, i + 8, 10) : NO;
      case 'p':
        return second == 'k' && s.startsWith("pk_live_", i) ? run(s, i, i + 8, 10) : NO;
      case 'A':
        if ((second == 'K' || second == 'S') && (s.startsWith("AKIA", i) || s.startsWith("ASIA", i))) {
          int e = i + 20;
          if (e > n || (e < n && isWord(s.charAt(e)))) {
            return NO;
          }
          for (int k = i + 4; k < e; k++) {
            char c = s.charAt(k);
            if (!isUpper(c) && !isDigit(c)) {
              return NO;
            }
          }
          return span(i, e);
        }
        return NO;
      case 'S':
        if (second == 'K') {
          int e = i + 34;
          if (e > n || (e < n && isWord(s.charAt(e)))) {
            return NO;
          }
          for (int k = i + 2; k < e; k++) {
            if (!isHex(s.charAt(k))) {
              return NO;
            }
          }
          return span(i, e);
        }
        return NO;
      case 'g':
        if (second != 'h' && second != 'i') {
          return NO;
        }
        if (i + 4 < n && second == 'h' && "pousr".indexOf(s.charAt(i + 2)) >= 0 && s.charAt(i + 3) == '_') {
          return run(s, i, i + 4, 20);
        }
        return s.startsWith("github_pat_", i) ? run(s, i, i + 11, 20) : NO;
      case 'x':
        if (i + 5 < n && second == 'o' && s.startsWith("xox", i) && "baprs".indexOf(s.charAt(i + 3)) >= 0 && s.charAt(i + 4) == '-') {
          return run(s, i, i + 5, 10);
        }
        return NO;
      case 'e':
        if (second != 'y') {
          return NO;
        }
        int jwt = jwtEnd(s, i);
        return jwt < 0 ? NO : span(i, jwt);
      case 'B':
      case 'b':
        return second == 'e' || second == 'E' ? bearerAt(s, i) : NO;
      default:
        return NO;
    }
  }

  /** {@code [start, end)} where the token chars from {@code body} number at least {@code min}. */
  private static long run(String s, int start, int body, int min) {
    int e = skipToken(s, body);
    return e - body >= min ? span(start, e) : NO;
  }

  /** End of a JWT (three or, for JWE, five base64url segments, the first starting {@code eyJ}), or -1. */
  static int jwtEnd(String s, int i) {
    if (!s.startsWith("eyJ", i)) {
      return -1;
    }
    int n = s.length();
    int p = skipToken(s, i);
    if (p - i < 10 || p >= n || s.charAt(p) != '.') {
      return -1;
    }
    int q = skipToken(s, p + 1);
    if (q - p - 1 < 2 || q >= n || s.charAt(q) != '.') {
      return -1;
    }
    int end = skipToken(s, q + 1);
    for (int extra = 0; extra < 2 && end + 1 < n && s.charAt(end) == '.' && isTokenChar(s.charAt(end + 1)); extra++) {
      end = skipToken(s, end + 1);
    }
    return end;
  }

  /**
   * The credential after {@code Bearer } at {@code i}: at least 8 token68 chars that look random (a
   * digit, mixed case, or token punctuation), so prose such as "Bearer token expired" stays.
   * {@code Basic} credentials are masked only as the value of an {@code Authorization} key, since
   * "basic" is a common word.
   */
  static long bearerAt(String s, int i) {
    int n = s.length();
    String bearer = "bearer ";
    if (i + 7 > n) {
      return NO;
    }
    for (int k = 0; k < 7; k++) {
      if (lower(s.charAt(i + k)) != bearer.charAt(k)) {
        return NO;
      }
    }
    int p = i + 7;
    while (p < n && p - i < 16 && s.charAt(p) == ' ') {
      p++;
    }
    int e = p;
    while (e < n && isCredentialChar(s.charAt(e))) {
      e++;
    }
    while (e < n && s.charAt(e) == '=') {
      e++;
    }
    while (e > p && s.charAt(e - 1) == '.') {
      e--;
    }
    if (e - p < 8 || (e < n && isWord(s.charAt(e)))) {
      return NO;
    }
    boolean digit = false;
    boolean upper = false;
    boolean lower = false;
    boolean punct = false;
    for (int k = p; k < e; k++) {
      char c = s.charAt(k);
      digit |= isDigit(c);
      upper |= isUpper(c);
      lower |= isLower(c);
      punct |= !isAsciiAlnum(c);
    }
    return digit || punct || (upper && lower) ? span(p, e) : NO;
  }

  /** The token68 chars of RFC 7235 credentials, without the trailing {@code =} padding. */
  private static boolean isCredentialChar(char c) {
    return isAsciiAlnum(c) || c == '+' || c == '/' || c == '-' || c == '.' || c == '_' || c == '~';
  }

  // ---------------------------------------------------------------- IBAN

  private static int upperAlnumRun(String s, int p, int max) {
    int n = s.length();
    int q = p;
    while (q < n && q - p < max && (isUpper(s.charAt(q)) || isDigit(s.charAt(q)))) {
      q++;
    }
    return q - p;
  }

  /**
   * End of an IBAN at {@code i}: a country code, two check digits and up to 30 upper-case letters or
   * digits, either in one run or in groups of four separated by single spaces, 15 to 34 chars in all,
   * mod-97 valid. Returns -1 when none.
   */
  static int ibanEnd(String s, int i) {
    int n = s.length();
    if (i + 4 > n) {
      return -1;
    }
    char c0 = s.charAt(i);
    char c1 = s.charAt(i + 1);
    if (!isUpper(c0) || !isUpper(c1) || !isDigit(s.charAt(i + 2)) || !isDigit(s.charAt(i + 3))) {
      return -1;
    }
    if (!IBAN_COUNTRY[(c0 - 'A') * 26 + (c1 - 'A')]) {
      return -1;
    }
    int run = upperAlnumRun(s, i, 35);
    if (run > 4) {
      if (run < 15 || run > 34 || (i + run < n && isWord(s.charAt(i + run)))) {
        return -1;
      }
      return ibanChecksumOk(s, i, i + run) ? i + run : -1;
    }
    int p = i + 4;
    int len = 4;
    int best = -1;
    while (p < n && s.charAt(p) == ' ') {
      int group = upperAlnumRun(s, p + 1, 5);
      if (group == 0 || group > 4 || len + group > 34) {
        break;
      }
      len += group;
      p += 1 + group;
      if (len >= 15 && (p == n || !isWord(s.charAt(p))) && ibanChecksumOk(s, i, p)) {
        best = p;
      }
      if (group < 4) {
        break;
      }
    }
    return best;
  }

  /** ISO 13616 mod-97 check over {@code [a, b)}, spaces ignored. */
  static boolean ibanChecksumOk(String s, int a, int b) {
    int rem = 0;
    for (int k = a + 4; k < b; k++) {
      rem = mod97Step(rem, s.charAt(k));
    }
    for (int k = a; k < a + 4; k++) {
      rem = mod97Step(rem, s.charAt(k));
    }
    return rem == 1;
  }

  private static int mod97Step(int rem, char c) {
    if (isDigit(c)) {
      return (rem * 10 + (c - '0')) % 97;
    }
    if (isUpper(c)) {
      return (rem * 100 + (c - 'A' + 10)) % 97;
    }
    return rem;
  }

  // ---------------------------------------------------------------- masks already present

  /** End of a mask such as {@code [SECRET]} or {@code [CARD ****1111]} at {@code p}, or -1. */
  static int maskTokenEnd(String s, int p) {
    int n = s.length();
    if (p + 2 >= n || s.charAt(p) != '[' || !isUpper(s.charAt(p + 1))) {
      return -1;
    }
    for (int q = p + 2; q < n && q - p < 48; q++) {
      char c = s.charAt(q);
      if (c == ']') {
        return q + 1;
      }
      if (!isUpper(c) && !isDigit(c) && c != ' ' && c != '*' && c != '_' && c != '-') {
        return -1;
      }
    }
    return -1;
  }

  /** True when {@code [a, b)} is a mask or only asterisks, that is: already masked. */
  static boolean isMasked(String s, int a, int b) {
    if (s.charAt(a) == '[') {
      return maskTokenEnd(s, a) == b;
    }
    for (int k = a; k < b; k++) {
      if (s.charAt(k) != '*') {
        return false;
      }
    }
    return true;
  }
}
