package org.bangfu.households;

import org.bangfu.support.Times;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.bangfu.support.Listing;
import org.bangfu.audit.AuditLog;
import org.bangfu.auth.Access;
import org.bangfu.auth.CurrentUser;
import org.bangfu.auth.Role;
import org.bangfu.support.DomainException;
import org.bangfu.http.AppContext;
import org.bangfu.http.Body;
import org.bangfu.support.Paging;
import org.bangfu.http.Params;
import org.bangfu.http.Responses;
import org.bangfu.http.RouteModule;
import org.bangfu.privacy.Masking;
import org.bangfu.privacy.PersonalDataCipher;

/**
 * {@code /households}: a village's registered households (建档立卡贫困户), seen only by the
 * village's secretary, its reviewers and admins. ID number, phone and address are encrypted
 * at rest and only ever leave masked; they are never logged and never put in the audit trail.
 */
public final class HouseholdRoutes implements RouteModule {
    static final List<String> STATUSES = List.of("in_poverty", "exited", "returned", "new", "marginal");
    static final List<String> GAPS = List.of("food", "clothing", "education", "medical", "housing");
    static final Set<String> FIELDS = Set.of("villageId", "headName", "idNumber", "phone", "address", "status",
            "members", "labourCapacity", "gaps", "linkedCadre");
    static final String COLUMNS = """
            SELECT h.id, h.village_id, v.name AS village_name, h.head_name, h.id_number_enc, h.phone_enc, h.address_enc,
                   h.status, h.members, h.labour_capacity, h.gaps, h.linked_cadre, h.created_at, h.updated_at""";
    static final String FROM = "FROM households h JOIN regions v ON v.id = h.village_id";
    static final String SELECT = COLUMNS + " " + FROM;
    static final String INSERT = """
            INSERT INTO households (village_id, head_name, id_number_enc, id_number_digest, phone_enc, address_enc,
                                    status, members, labour_capacity, gaps, linked_cadre)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id""";

    private final Pool pool;
    /** Resolved once, on the first request (it may read the key from the database). */
    private Future<PersonalDataCipher> cipherReady;
    private PersonalDataCipher cipher;

    public HouseholdRoutes(AppContext app) {
        this.pool = app.pool();
    }

    @Override
    public void mount(Router api) {
        api.route("/households*").handler(this::withCipher);
        api.get("/households").handler(this::list);
        api.post("/households").handler(this::create);
        api.get("/households/:id").handler(this::get);
        api.patch("/households/:id").handler(this::update);
    }

    private void withCipher(RoutingContext ctx) {
        if (cipher != null) {
            ctx.next();
            return;
        }
        if (cipherReady == null) {
            cipherReady = PersonalDataCipher.resolve(pool).onSuccess(c -> cipher = c)
                    .onFailure(e -> cipherReady = null);
        }
        cipherReady.onSuccess(c -> ctx.next()).onFailure(ctx::fail);
    }

    JsonObject toJson(Row r) {
        String villageName = r.getString("village_name");
        return new JsonObject()
                .put("id", r.getLong("id"))
                .put("villageId", r.getString("village_id"))
                .put("villageName", villageName)
                .put("headName", r.getString("head_name"))
                .put("idNumber", Masking.idNumber(open("idNumber", r.getBuffer("id_number_enc"))))
                .put("phone", Masking.phone(open("phone", r.getBuffer("phone_enc"))))
                .put("address", Masking.address(open("address", r.getBuffer("address_enc")), villageName))
                .put("status", r.getString("status"))
                .put("members", r.getInteger("members"))
                .put("labourCapacity", r.getInteger("labour_capacity"))
                .put("gaps", new JsonArray(new ArrayList<>(Arrays.asList(r.getArrayOfStrings("gaps")))))
                .put("linkedCadre", r.getString("linked_cadre"))
                .put("createdAt", Times.instant(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.instant(r.getOffsetDateTime("updated_at")));
    }

    private String open(String field, Buffer sealed) {
        return sealed == null ? null : cipher.decrypt("household." + field, sealed.getBytes());
    }

    private Buffer seal(String field, String clear) {
        return clear == null ? null : Buffer.buffer(cipher.encrypt("household." + field, clear));
    }

    private static CurrentUser reader(RoutingContext ctx) {
        return Access.require(ctx, Role.VILLAGE_SECRETARY, Role.REVIEWER, Role.ADMIN);
    }

    private void list(RoutingContext ctx) {
        CurrentUser user = reader(ctx);
        Params q = Params.of(ctx);
        Paging paging = q.paging();
        String village = q.optionalString("villageId", 40).orElse(user.villageId());
        Listing list = new Listing();
        if (village != null) {
            if (!Access.canSeeVillage(user, village)) {
                throw DomainException.forbidden("village " + village + " is not yours");
            }
            list.where("h.village_id = $?", village);
        } else if (user.is(Role.REVIEWER)) {
            list.where("region_contains($?, h.village_id)", user.regionId());
        }
        q.optionalEnum("status", STATUSES).ifPresent(s -> list.where("h.status = $?", s));
        list.page(pool, COLUMNS, FROM, "h.id", paging, this::toJson)
                .onSuccess(p -> Responses.ok(ctx, p)).onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        CurrentUser user = reader(ctx);
        long id = Params.of(ctx).pathId("id");
        one(pool, user, id).onSuccess(h -> Responses.ok(ctx, h)).onFailure(ctx::fail);
    }

    private Future<JsonObject> one(SqlClient sql, CurrentUser user, long id) {
        return sql.preparedQuery(SELECT + " WHERE h.id = $1").execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0 || !Access.canSeeVillage(user, rows.iterator().next().getString("village_id"))) {
                return Future.failedFuture(DomainException.notFound("household " + id));
            }
            return Future.succeededFuture(toJson(rows.iterator().next()));
        });
    }

    /** The validated fields of a request (all of them on create, those present on update). */
    record Input(String headName, String idNumber, String phone, String address, String status, Integer members,
                 Integer labourCapacity, List<String> gaps, String linkedCadre) {
        static Input read(Body b, boolean create) {
            String idNumber = create ? b.requiredString("idNumber", 18, 18) : b.optionalString("idNumber", 18, 18).orElse(null);
            if (idNumber != null) {
                idNumber = idNumber.toUpperCase();
                if (!IdNumbers.valid(idNumber)) {
                    throw DomainException.validation("idNumber", "must be an 18-character resident ID number with a valid check digit");
                }
            }
            String phone = b.optionalString("phone", 11, 11).orElse(null);
            if (phone != null && !phone.matches("1[3-9]\\d{9}")) {
                throw DomainException.validation("phone", "must be an 11-digit mobile number");
            }
            Integer members = create ? Integer.valueOf(b.requiredInt("members", 1, 30))
                    : b.optionalInt("members", 1, 30).orElse(null);
            Integer labour = create ? Integer.valueOf(b.requiredInt("labourCapacity", 0, 30))
                    : b.optionalInt("labourCapacity", 0, 30).orElse(null);
            if (members != null && labour != null && labour > members) {
                throw DomainException.validation("labourCapacity", "must not exceed members");
            }
            return new Input(
                    create ? b.requiredString("headName", 1, 50) : b.optionalString("headName", 1, 50).orElse(null),
                    idNumber, phone, b.optionalString("address", 1, 200).orElse(null),
                    create ? b.requiredEnum("status", STATUSES) : b.optionalEnum("status", STATUSES).orElse(null),
                    members, labour,
                    b.has("gaps") ? b.stringList("gaps", 5, 20, GAPS).stream().distinct().toList() : (create ? List.of() : null),
                    b.optionalString("linkedCadre", 1, 50).orElse(null));
        }
    }

    private void create(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
        Body b = Body.of(ctx).only(FIELDS);
        String village = b.optionalString("villageId", 1, 40).orElse(user.villageId());
        if (village == null) {
            throw DomainException.validation("villageId", "is required");
        }
        Access.requireVillage(user, village);
        Input in = Input.read(b, true);
        pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM regions WHERE id = $1 AND level = 'village'")
                        .execute(Tuple.of(village))
                        .compose(r -> r.size() == 0 ? Future.failedFuture(DomainException.validation("villageId",
                                "is not a known village")) : Future.succeededFuture())
                        .compose(v -> tx.preparedQuery(INSERT).execute(Tuple.from(new Object[] {village, in.headName(),
                                seal("idNumber", in.idNumber()), Buffer.buffer(cipher.digest("household.idNumber", in.idNumber())),
                                seal("phone", in.phone()), seal("address", in.address()), in.status(), in.members(),
                                in.labourCapacity(), in.gaps().toArray(String[]::new), in.linkedCadre()})))
                        .recover(HouseholdRoutes::duplicate)
                        .map(rows -> rows.iterator().next().getLong("id"))
                        // the audit row names what changed, never the personal data itself
                        .compose(id -> AuditLog.append(tx, user, "household", id, "create", null,
                                new JsonObject().put("villageId", village).put("status", in.status()))
                                .compose(v -> one(tx, user, id))))
                .onSuccess(h -> Responses.created(ctx, h)).onFailure(ctx::fail);
    }

    private static <T> Future<T> duplicate(Throwable e) {
        if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(DomainException.conflict("household_already_registered",
                    "a household with this ID number is already registered", java.util.Map.of(),
                    new DomainException.FieldError("idNumber", "already_registered", "is already registered")));
        }
        return Future.failedFuture(e);
    }

    private void update(RoutingContext ctx) {
        CurrentUser user = Access.require(ctx, Role.VILLAGE_SECRETARY, Role.ADMIN);
        long id = Params.of(ctx).pathId("id");
        Body b = Body.of(ctx).only(FIELDS);
        if (b.has("villageId")) {
            throw DomainException.validation("villageId", "cannot be changed");
        }
        Input in = Input.read(b, false);
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        args.add(id);
        JsonObject changed = new JsonObject();
        if (in.headName() != null) {
            set(sets, args, "head_name", in.headName());
        }
        if (in.idNumber() != null) {
            set(sets, args, "id_number_enc", seal("idNumber", in.idNumber()));
            set(sets, args, "id_number_digest", Buffer.buffer(cipher.digest("household.idNumber", in.idNumber())));
        }
        if (in.phone() != null) {
            set(sets, args, "phone_enc", seal("phone", in.phone()));
        }
        if (in.address() != null) {
            set(sets, args, "address_enc", seal("address", in.address()));
        }
        if (in.status() != null) {
            set(sets, args, "status", in.status());
            changed.put("status", in.status());
        }
        if (in.members() != null) {
            set(sets, args, "members", in.members());
        }
        if (in.labourCapacity() != null) {
            set(sets, args, "labour_capacity", in.labourCapacity());
        }
        if (in.gaps() != null) {
            set(sets, args, "gaps", in.gaps().toArray(String[]::new));
        }
        if (in.linkedCadre() != null) {
            set(sets, args, "linked_cadre", in.linkedCadre());
        }
        if (sets.isEmpty()) {
            throw DomainException.validation("body", "names no field to change");
        }
        // the audit row lists which fields changed; personal values are never copied into it
        b.json().fieldNames().forEach(f -> changed.put("changed." + f, true));
        pool.withTransaction(tx -> tx.preparedQuery("SELECT village_id, status FROM households WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id)).compose(rows -> {
                    if (rows.size() == 0 || !Access.canSeeVillage(user, rows.iterator().next().getString("village_id"))) {
                        return Future.failedFuture(DomainException.notFound("household " + id));
                    }
                    Row before = rows.iterator().next();
                    return tx.preparedQuery("UPDATE households SET " + String.join(", ", sets)
                                    + ", updated_at = now() WHERE id = $1").execute(Tuple.from(args))
                            .recover(HouseholdRoutes::duplicate)
                            .compose(v -> AuditLog.append(tx, user, "household", id, "update",
                                    new JsonObject().put("status", before.getString("status")), changed))
                            .compose(v -> one(tx, user, id));
                })).onSuccess(h -> Responses.ok(ctx, h)).onFailure(ctx::fail);
    }

    private static void set(List<String> sets, List<Object> args, String column, Object value) {
        args.add(value);
        sets.add(column + " = $" + args.size());
    }
}
