package io.peerclaw.node.registry;

import io.peerclaw.node.http.ApiException;
import io.peerclaw.node.http.ErrorCode;
import io.peerclaw.shared.crypto.CardSignatures;
import io.peerclaw.shared.crypto.Ed25519;
import io.peerclaw.shared.model.AgentCard;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The node's rule for A2A card signatures: a card is stored with signatures only when every one
 * verifies with the agent's registered key over the card as the node stores it. So a stored
 * signature always means a verified one, and {@code card_signed} is simply "has signatures".
 *
 * <p>The registered key of an agent never changes (the id is derived from it), so a stored
 * signature can only go stale when the card changes without the agent signing it again: an owner's
 * edit or heartbeat metadata. Those changes go through {@link #keepValid}, which drops what no
 * longer verifies.
 */
final class SignedCards {
    private static final String PAYLOAD_RULE =
            "; the payload is the card without signatures and the node's fields ("
                    + String.join(", ", CardSignatures.NODE_FIELDS)
                    + "), without empty values, in RFC 8785 form";

    private SignedCards() {}

    /**
     * Refuses (400 {@code invalid_card_signature}, one error per failing entry) a card with a
     * signature that does not verify. {@code stored} is the validated card, {@code sent} the card
     * as it arrived: when a signature covers the latter only, the answer says what changed.
     */
    static void requireValid(AgentCard stored, AgentCard sent, Ed25519.PublicKey key) {
        if (!stored.signed()) {
            return;
        }
        var checks = CardSignatures.verify(stored, key);
        List<CardSignatures.Check> asSent = null;
        var errors = new ArrayList<FieldError>();
        for (int i = 0; i < checks.size(); i++) {
            if (!(checks.get(i) instanceof CardSignatures.Invalid(String reason))) {
                continue;
            }
            if (asSent == null) {
                asSent = CardSignatures.verify(sent.withSignatures(stored.signatures()), key);
            }
            String message =
                    asSent.get(i) instanceof CardSignatures.Valid
                            ? "covers the card as sent, but the node stores it with repeated list"
                                    + " entries dropped; sign the card without repeats"
                            : reason;
            errors.add(new FieldError("signatures[" + i + "]", message));
        }
        if (errors.isEmpty()) {
            return;
        }
        String detail =
                errors.size() == 1
                        ? errors.getFirst().field() + " " + errors.getFirst().message()
                        : errors.size() + " of the card's signatures do not verify";
        throw new ApiException(
                ErrorCode.INVALID_CARD_SIGNATURE, detail + PAYLOAD_RULE, errors, Map.of());
    }

    /** The card with only the signatures that still verify (none left: no signatures at all). */
    static AgentCard keepValid(AgentCard content, Ed25519.PublicKey key) {
        if (!content.signed()) {
            return content;
        }
        var checks = CardSignatures.verify(content, key);
        var kept = new ArrayList<AgentCard.Signature>();
        for (int i = 0; i < checks.size(); i++) {
            if (checks.get(i) instanceof CardSignatures.Valid) {
                kept.add(content.signatures().get(i));
            }
        }
        if (kept.size() == content.signatures().size()) {
            return content;
        }
        return content.withSignatures(kept.isEmpty() ? null : List.copyOf(kept));
    }
}
