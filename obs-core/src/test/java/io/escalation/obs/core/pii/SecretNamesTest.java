package io.escalation.obs.core.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNamesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "password",
                "PASSWORD",
                "Password",
                "dbPassword",
                "db_password",
                "DB-PASSWORD",
                "dbpassword",
                "passwd",
                "pwd",
                "passphrase",
                "secret",
                "clientSecret",
                "client_secret",
                "CLIENT_SECRET",
                "token",
                "sessionToken",
                "access_token",
                "accessToken",
                "refreshToken",
                "id_token",
                "auth_token",
                "accesstoken",
                "x-api-key",
                "X-API-Key",
                "apiKey",
                "APIKey",
                "api_key",
                "apikey",
                "privateKey",
                "secret_key",
                "authorization",
                "Authorization",
                "Proxy-Authorization",
                "cookie",
                "Cookie",
                "Set-Cookie",
                "set-cookie",
                "cookies",
                "otp",
                "OTP",
                "pin",
                "employeePin",
                "cvv",
                "cvv2",
                "cvc",
                "ssn",
                "SSN",
                "customer_ssn",
                "pan",
                "cardNumber",
                "card_number",
                "creditCard",
                "credit_card",
                "credentials",
                "x-session-id",
                "sessionId",
                "JSESSIONID",
                "session_key",
                "token.value",
                "session",
                "X-Session",
                "userSession",
                "jwt",
                "JWT",
                "id_jwt",
                "bearer",
                "Bearer",
                "totp",
                "totpCode",
                "signingKey",
                "signing_key",
                "hmacKey",
                "HMAC_KEY",
                "encryptionKey",
                "master_key"
            })
    void secretNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "user",
                "email",
                "tokens_used",
                "input_tokens",
                "max_tokens",
                "token_count",
                "tokenCount",
                "tokenType",
                "token_type",
                "llm.tokens.used",
                "tokenizer",
                "cache_key",
                "idempotencyKey",
                "key",
                "authMethod",
                "auth",
                "campaignId",
                "request_id",
                "message",
                "level",
                "trace_id",
                "spinner",
                "pinned",
                "secretary",
                "panel",
                "company",
                "spending",
                "duration_ms",
                "card_last4",
                "session_count",
                "sessionDurationMs",
                "sessions_active",
                "sessions",
                "bearers",
                "keyboard",
                "hmac",
                "encryption",
                "signing"
            })
    void ordinaryNames(String name) {
        assertThat(SecretNames.isSecret(name)).as(name).isFalse();
    }
}
