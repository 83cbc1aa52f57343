package io.escalation.obs.errors;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What an error report says about the work that failed: campaign, agent channel, customer
 * (keyed-hashed before it leaves the process), amount and the acting user. Immutable; each
 * {@code with} method returns a copy.
 *
 * <pre>{@code
 * ErrorContext context = ErrorContext.empty()
 *         .campaignId("campaign_456")        // tag campaign_id
 *         .agentType("email")                // tag agent_type
 *         .customerId("cust-9912")           // extra customer_id = HMAC-SHA256, 32 hex digits
 *         .paymentAmount(new BigDecimal("120.50"))
 *         .userId("user_123");               // user.id
 * }</pre>
 */
public final class ErrorContext {

    private static final ErrorContext EMPTY = new ErrorContext(null, null, null, null, null, Map.of());

    private final @Nullable String campaignId;
    private final @Nullable String agentType;
    private final @Nullable String customerId;
    private final @Nullable BigDecimal paymentAmount;
    private final @Nullable String userId;
    private final Map<String, Object> extras;

    private ErrorContext(
            @Nullable String campaignId,
            @Nullable String agentType,
            @Nullable String customerId,
            @Nullable BigDecimal paymentAmount,
            @Nullable String userId,
            Map<String, Object> extras) {
        this.campaignId = campaignId;
        this.agentType = agentType;
        this.customerId = customerId;
        this.paymentAmount = paymentAmount;
        this.userId = userId;
        this.extras = extras;
    }

    /**
     * No context.
     *
     * @return a context with no tags and no extras
     */
    public static ErrorContext empty() {
        return EMPTY;
    }

    /**
     * Tag {@code campaign_id}.
     *
     * @param campaignId the campaign id; null leaves the tag out
     * @return a copy of this context with the value set
     */
    public ErrorContext campaignId(@Nullable String campaignId) {
        return new ErrorContext(campaignId, agentType, customerId, paymentAmount, userId, extras);
    }

    /**
     * Tag {@code agent_type}: email, sms, phone, ...
     *
     * @param agentType the channel of the agent; null leaves the tag out
     * @return a copy of this context with the value set
     */
    public ErrorContext agentType(@Nullable String agentType) {
        return new ErrorContext(campaignId, agentType, customerId, paymentAmount, userId, extras);
    }

    /**
     * Extra {@code customer_id}, sent only as its keyed hash; dropped when no key is configured.
     *
     * @param customerId the customer id in clear; null leaves the extra out
     * @return a copy of this context with the value set
     */
    public ErrorContext customerId(@Nullable String customerId) {
        return new ErrorContext(campaignId, agentType, customerId, paymentAmount, userId, extras);
    }

    /**
     * Extra {@code payment_amount}: amounts are not personal data and are sent as they are.
     *
     * @param paymentAmount the amount in the account's currency; null leaves the extra out
     * @return a copy of this context with the value set
     */
    public ErrorContext paymentAmount(@Nullable BigDecimal paymentAmount) {
        return new ErrorContext(campaignId, agentType, customerId, paymentAmount, userId, extras);
    }

    /**
     * {@code user.id}: the acting operator or API user; never an e-mail address (it would be masked).
     *
     * @param userId the operator or API user id; null leaves it out
     * @return a copy of this context with the value set
     */
    public ErrorContext userId(@Nullable String userId) {
        return new ErrorContext(campaignId, agentType, customerId, paymentAmount, userId, extras);
    }

    /**
     * Any other extra; strings are masked like everything else.
     *
     * @param key the extra's name
     * @param value the value; null removes the extra
     * @return a copy of this context with the value set
     */
    public ErrorContext extra(String key, @Nullable Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extras);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new ErrorContext(
                campaignId, agentType, customerId, paymentAmount, userId, Collections.unmodifiableMap(copy));
    }

    @Nullable
    String campaignId() {
        return campaignId;
    }

    @Nullable
    String agentType() {
        return agentType;
    }

    @Nullable
    String customerId() {
        return customerId;
    }

    @Nullable
    BigDecimal paymentAmount() {
        return paymentAmount;
    }

    @Nullable
    String userId() {
        return userId;
    }

    Map<String, Object> extras() {
        return extras;
    }
}
