package org.bangfu.households;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.bangfu.support.Times;

/**
 * A registered household as it may be shown to its village's secretary and reviewers: ID number,
 * phone and address are already masked (the clear values never leave the repository). {@code gaps}
 * are its open 两不愁三保障 gaps (food, clothing, education, medical, housing).
 */
public record Household(
    long id,
    String villageId,
    String villageName,
    String headName,
    String idNumberMasked,
    String phoneMasked,
    String addressMasked,
    HouseholdStatus status,
    int members,
    int labourCapacity,
    List<String> gaps,
    String linkedCadre,
    Integer identifiedYear,
    Integer exitedYear,
    boolean dibao,
    boolean tekun,
    String removedReason,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt) {

  public Household {
    gaps = List.copyOf(gaps);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("villageId", villageId)
        .put("villageName", villageName)
        .put("headName", headName)
        .put("idNumber", idNumberMasked)
        .put("phone", phoneMasked)
        .put("address", addressMasked)
        .put("status", status.wire())
        .put("members", members)
        .put("labourCapacity", labourCapacity)
        .put("gaps", new JsonArray(new ArrayList<>(gaps)))
        .put("linkedCadre", linkedCadre)
        .put("identifiedYear", identifiedYear)
        .put("exitedYear", exitedYear)
        .put("dibao", dibao)
        .put("tekun", tekun)
        .put("removedReason", removedReason)
        .put("createdAt", Times.instant(createdAt))
        .put("updatedAt", Times.instant(updatedAt));
  }
}
