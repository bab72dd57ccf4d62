package cn.dongli.carbonmap.layer.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.predicate.RectangleIntersects;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.dongli.carbonmap.geom.Geometries;
import cn.dongli.carbonmap.layer.Attribute;
import cn.dongli.carbonmap.layer.Change;
import cn.dongli.carbonmap.layer.HistoryEntry;
import cn.dongli.carbonmap.layer.AttributeFilter;
import cn.dongli.carbonmap.layer.Feature;
import cn.dongli.carbonmap.layer.FeatureDraft;
import cn.dongli.carbonmap.layer.FeatureKey;
import cn.dongli.carbonmap.layer.FeatureNotFoundException;
import cn.dongli.carbonmap.layer.FeatureStore;
import cn.dongli.carbonmap.layer.Layer;
import cn.dongli.carbonmap.layer.LayerCatalog;
import cn.dongli.carbonmap.layer.LayerChange;
import cn.dongli.carbonmap.layer.VersionConflictException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The feature store on H2GIS or PostGIS. Geometries travel as WKB; each write is one transaction that also appends to
 * the change log.
 */
final class JdbcFeatureStore implements FeatureStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private static final int BATCH = 1000;
    /** Candidate ids per query on the embedded database (an IN list it looks up by primary key). */
    private static final int ID_CHUNK = 1000;
    /** The first key of CarbonMap's PostgreSQL advisory locks (the second is the layer's). */
    private static final int LOCK_SPACE = 0x43_4D_41_50;

    private final Map<String, ReentrantLock> locks = new java.util.concurrent.ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;
    /** The layers, to read the features of an import named only by its layer's name. */
    private final LayerCatalog catalog;
    private final TransactionTemplate tx;
    private final TransactionTemplate readTx;
    private final SqlDialect dialect;
    /** Bounding boxes in memory where the database has no spatial index (the embedded one), else null. */
    private final EnvelopeIndex envelopes;

    JdbcFeatureStore(DataSource dataSource, PlatformTransactionManager transactions, LayerCatalog catalog) {
        this.catalog = catalog;
        this.jdbc = new JdbcTemplate(dataSource);
        this.tx = new TransactionTemplate(transactions);
        this.readTx = new TransactionTemplate(transactions);
        this.readTx.setReadOnly(true);
        this.dialect = SqlDialect.of(dataSource);
        this.envelopes = dialect == SqlDialect.H2GIS ? new EnvelopeIndex(jdbc, this) : null;
    }

    SqlDialect dialect() {
        return dialect;
    }

    @Override
    public long count(Layer layer) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + layer.table(), Long.class);
        return n == null ? 0 : n;
    }

    @Override
    public Optional<Envelope> extent(Layer layer) {
        return jdbc.query("SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) AS e FROM "
                + layer.table() + ") x", rs -> {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    double minX = rs.getDouble(1);
                    if (rs.wasNull()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Envelope(minX, rs.getDouble(3), rs.getDouble(2), rs.getDouble(4)));
                });
    }

    @Override
    public List<Feature> find(Layer layer, Geometry area, List<AttributeFilter> filters, int limit, long offset) {
        Candidates candidates = candidates(layer, area);
        if (candidates == null) {
            List<Object> args = new ArrayList<>();
            String where = where(layer, area, filters, null, args);
            args.add(limit);
            args.add(offset);
            return jdbc.query(select(layer) + where + " ORDER BY id LIMIT ? OFFSET ?", mapper(layer), args.toArray());
        }
        // chunk by chunk of candidates in id order: chunks wholly before the page are only counted
        int from = 0;
        long skip = offset;
        while (skip > 0 && from < candidates.size()) {
            int to = Math.min(candidates.size(), from + ID_CHUNK);
            long n = count(layer, area, filters, candidates, from, to);
            if (n > skip) {
                break;
            }
            skip -= n;
            from = to;
        }
        List<Feature> out = new ArrayList<>();
        read(layer, filters, candidates, from, limit + skip, f -> {
            if (out.size() < limit) {
                out.add(f);
            }
        }, skip);
        return out;
    }

    @Override
    public List<Feature> findAfter(Layer layer, Geometry area, List<AttributeFilter> filters, int limit,
                                   long afterId) {
        Candidates candidates = candidates(layer, area);
        if (candidates == null) {
            return queryAfter(select(layer), layer, area, filters, limit, afterId, mapper(layer));
        }
        List<Feature> out = new ArrayList<>();
        read(layer, filters, candidates, candidates.after(afterId), limit, out::add, 0);
        return out;
    }

    @Override
    public List<FeatureKey> keysAfter(Layer layer, Geometry area, List<AttributeFilter> filters, int limit,
                                      long afterId) {
        RowMapper<FeatureKey> key = (rs, i) -> new FeatureKey(rs.getLong(1), rs.getInt(2));
        Candidates candidates = candidates(layer, area);
        if (candidates == null) {
            return queryAfter("SELECT id, version FROM " + layer.table(), layer, area, filters, limit, afterId, key);
        }
        List<FeatureKey> out = new ArrayList<>();
        int at = candidates.after(afterId);
        while (at < candidates.size() && out.size() < limit) {
            int to = sliceEnd(candidates, at, limit - out.size());
            List<Object> args = new ArrayList<>();
            String where = where(layer, null, filters, candidates.ids(at, to), args);
            List<FeatureKey> keys = jdbc.query("SELECT id, version FROM " + layer.table() + where + " ORDER BY id", key,
                    args.toArray());
            // the candidates whose box crosses the area's edge: their geometry decides
            long[] edge = candidates.ids(at, to, false);
            java.util.Set<Long> outside = new java.util.HashSet<>();
            if (edge.length > 0) {
                List<Object> edgeArgs = new ArrayList<>();
                jdbc.query("SELECT id, ST_AsBinary(geom) FROM " + layer.table()
                        + where(layer, null, List.of(), edge, edgeArgs), rs -> {
                            if (!candidates.meets(geometry(rs.getBytes(2)))) {
                                outside.add(rs.getLong(1));
                            }
                        }, edgeArgs.toArray());
            }
            for (FeatureKey k : keys) {
                if (out.size() < limit && !outside.contains(k.id())) {
                    out.add(k);
                }
            }
            at = to;
        }
        return out;
    }

    /** A keyset page in the database, its index deciding the area: {@code select} and the rows after an id. */
    private <T> List<T> queryAfter(String select, Layer layer, Geometry area, List<AttributeFilter> filters, int limit,
                                   long afterId, RowMapper<T> rows) {
        List<Object> args = new ArrayList<>();
        String where = where(layer, area, filters, null, args);
        args.add(afterId);
        args.add(limit);
        return jdbc.query(select + where + (where.isEmpty() ? " WHERE" : " AND") + " id > ? ORDER BY id LIMIT ?", rows,
                args.toArray());
    }

    @Override
    public List<Feature> get(Layer layer, long[] ids) {
        List<Feature> out = new ArrayList<>(ids.length);
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        for (int from = 0; from < sorted.length; from += ID_CHUNK) {
            List<Object> args = new ArrayList<>();
            String where = where(layer, null, List.of(),
                    Arrays.copyOfRange(sorted, from, Math.min(sorted.length, from + ID_CHUNK)), args);
            out.addAll(jdbc.query(select(layer) + where + " ORDER BY id", mapper(layer), args.toArray()));
        }
        return out;
    }

    @Override
    public long countMatching(Layer layer, Geometry area, List<AttributeFilter> filters) {
        Candidates candidates = candidates(layer, area);
        if (candidates == null) {
            List<Object> args = new ArrayList<>();
            String where = where(layer, area, filters, null, args);
            return queryCount("SELECT COUNT(*) FROM " + layer.table() + where, args);
        }
        long n = 0;
        for (int from = 0; from < candidates.size(); from += ID_CHUNK) {
            n += count(layer, area, filters, candidates, from, Math.min(candidates.size(), from + ID_CHUNK));
        }
        return n;
    }

    /**
     * The features among candidates {@code [from, to)} that meet the area and the filters: a feature whose box lies
     * inside a rectangular area is counted without its geometry; the others are tested in the database.
     */
    private long count(Layer layer, Geometry area, List<AttributeFilter> filters, Candidates candidates, int from,
                       int to) {
        long[] inside = candidates.ids(from, to, true);
        long[] edge = candidates.ids(from, to, false);
        long n = 0;
        if (inside.length > 0) {
            if (filters.isEmpty()) {
                n += inside.length;
            } else {
                List<Object> args = new ArrayList<>();
                n += queryCount("SELECT COUNT(*) FROM " + layer.table() + where(layer, null, filters, inside, args),
                        args);
            }
        }
        if (edge.length > 0) {
            List<Object> args = new ArrayList<>();
            n += queryCount("SELECT COUNT(*) FROM " + layer.table() + where(layer, area, filters, edge, args), args);
        }
        return n;
    }

    private long queryCount(String sql, List<Object> args) {
        Long n = jdbc.queryForObject(sql, Long.class, args.toArray());
        return n == null ? 0 : n;
    }

    /**
     * Reads candidates from index {@code from} in id order, handing on those that meet the area (tested here on the
     * geometry read, not again in the database; a box inside a rectangular area needs no test) and the filters, until
     * {@code wanted} have been found. Reads in slices no larger than what is still wanted (plus a margin for the
     * candidates the exact test drops), so a small page reads few rows.
     *
     * @param skip features found that are not handed on, the first ones
     */
    private void read(Layer layer, List<AttributeFilter> filters, Candidates candidates, int from, long wanted,
                      Consumer<Feature> consumer, long skip) {
        RowMapper<Feature> mapper = mapper(layer);
        long found = 0;
        int at = from;
        while (at < candidates.size() && found < wanted) {
            int to = sliceEnd(candidates, at, wanted - found);
            long[] ids = candidates.ids(at, to);
            List<Object> args = new ArrayList<>();
            String where = where(layer, null, filters, ids, args);
            List<Feature> rows = jdbc.query(select(layer) + where + " ORDER BY id", mapper, args.toArray());
            for (Feature f : rows) {
                if (found >= wanted) {
                    break;
                }
                if (!candidates.meets(f)) {
                    continue;
                }
                if (found++ >= skip) {
                    consumer.accept(f);
                }
            }
            at = to;
        }
    }

    /**
     * Where a slice of candidates from {@code at} ends: no more than what is still wanted, plus a margin for the
     * candidates the exact test drops, and at most {@link #ID_CHUNK}.
     */
    private static int sliceEnd(Candidates candidates, int at, long wanted) {
        long slice = Math.min(ID_CHUNK, Math.min(wanted, Long.MAX_VALUE - 16) + 16);
        return Math.min(candidates.size(), at + (int) slice);
    }

    /**
     * The embedded database has no spatial index: the features whose boxes (held in memory) meet the area, in id
     * order; null where the database's own index is used (PostGIS, or inside a transaction, whose own writes the
     * boxes do not hold yet).
     */
    private Candidates candidates(Layer layer, Geometry area) {
        if (area == null || envelopes == null || TransactionSynchronizationManager.isActualTransactionActive()) {
            return null;
        }
        Envelope box = area.getEnvelopeInternal();
        boolean rectangle = area.isRectangle();
        return new Candidates(envelopes.candidates(layer, box, rectangle ? box : null),
                rectangle ? null : PreparedGeometryFactory.prepare(area), rectangle ? box : null);
    }

    /**
     * Candidates of a read by area from the boxes in memory, ascending by id, with whether each box lies inside the
     * area (so that the feature certainly meets it). The exact test of the others is made on the geometries read.
     */
    private static final class Candidates {
        private final EnvelopeIndex.Hits hits;
        private final PreparedGeometry area;
        private final Envelope rectangle;

        Candidates(EnvelopeIndex.Hits hits, PreparedGeometry area, Envelope rectangle) {
            this.hits = hits;
            this.area = area;
            this.rectangle = rectangle;
        }

        int size() {
            return hits.ids().length;
        }

        /** The index of the first candidate whose id is greater than {@code id}. */
        int after(long id) {
            int i = Arrays.binarySearch(hits.ids(), id);
            return i >= 0 ? i + 1 : -i - 1;
        }

        long[] ids(int from, int to) {
            return Arrays.copyOfRange(hits.ids(), from, to);
        }

        /** The ids in {@code [from, to)} whose box lies inside the area ({@code inside}) or not. */
        long[] ids(int from, int to, boolean inside) {
            long[] out = new long[to - from];
            int n = 0;
            for (int i = from; i < to; i++) {
                if (hits.inside().get(i) == inside) {
                    out[n++] = hits.ids()[i];
                }
            }
            return Arrays.copyOf(out, n);
        }

        /** Whether a candidate read meets the area: the same test as the database's {@code ST_Intersects}. */
        boolean meets(Feature f) {
            return meets(f.geometry());
        }

        boolean meets(Geometry g) {
            if (rectangle != null) {
                if (rectangle.contains(g.getEnvelopeInternal())) {
                    return true;
                }
                return RectangleIntersects.intersects(rectangleGeometry(), g);
            }
            return area.intersects(g);
        }

        private Polygon box;

        private Polygon rectangleGeometry() {
            if (box == null) {
                box = (Polygon) Geometries.STORAGE.toGeometry(rectangle);
            }
            return box;
        }
    }

    /**
     * The WHERE clause of an area and attribute filters, the same on both databases; the values go to {@code args}.
     * Column names come from the layer's schema, never from the caller.
     *
     * @param ids if not null, only these features (a chunk of the candidates from the boxes in memory: an IN list
     *            the database looks up by primary key, in time that grows with the list, not with its square)
     */
    private String where(Layer layer, Geometry area, List<AttributeFilter> filters, long[] ids, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        if (ids != null) {
            if (ids.length == 0) {
                conditions.add("1 = 0");
            } else {
                conditions.add("id IN (" + "?, ".repeat(ids.length - 1) + "?)");
                for (long id : ids) {
                    args.add(id);
                }
            }
        }
        if (area != null) {
            byte[] wkb = wkb(area);
            conditions.add("geom && ST_GeomFromWKB(?, 4490) AND ST_Intersects(geom, ST_GeomFromWKB(?, 4490))");
            args.add(wkb);
            args.add(wkb);
        }
        for (AttributeFilter f : filters) {
            Attribute a = layer.attribute(f.attribute()).orElseThrow(() -> new IllegalArgumentException(
                    "layer " + layer.name() + " has no attribute " + f.attribute()));
            if (f.op() == AttributeFilter.Op.AT_LEAST) {
                conditions.add(a.column() + " >= ?");
                args.add(f.values().get(0));
            } else if (f.values().isEmpty()) {
                conditions.add("1 = 0");
            } else {
                conditions.add(a.column() + " IN (" + "?, ".repeat(f.values().size() - 1) + "?)");
                args.addAll(f.values());
            }
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    @Override
    public Optional<Feature> get(Layer layer, long id) {
        return jdbc.query(select(layer) + " WHERE id = ?", mapper(layer), id).stream().findFirst();
    }

    @Override
    public void forEach(Layer layer, Geometry area, List<AttributeFilter> filters, Consumer<Feature> consumer) {
        Candidates candidates = candidates(layer, area);
        RowMapper<Feature> mapper = mapper(layer);
        readTx.executeWithoutResult(status -> {
            if (candidates == null) {
                stream(layer, area, filters, null, mapper, consumer);
            } else {
                read(layer, filters, candidates, 0, Long.MAX_VALUE, consumer, 0);
            }
        });
    }

    /** Streams the rows of one query in id order. */
    private void stream(Layer layer, Geometry area, List<AttributeFilter> filters, long[] ids,
                        RowMapper<Feature> mapper, Consumer<Feature> consumer) {
        List<Object> args = new ArrayList<>();
        String clause = where(layer, area, filters, ids, args);
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(select(layer) + clause + " ORDER BY id",
                    ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(BATCH);
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            return ps;
        }, rs -> {
            consumer.accept(mapper.mapRow(rs, 0));
        });
    }

    @Override
    public void lockForWrite(Layer layer) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("the write lock of a layer is taken inside a transaction");
        }
        if (dialect == SqlDialect.POSTGIS) {
            // released by PostgreSQL at the end of the transaction; shared by every CarbonMap process on the database
            jdbc.query("SELECT pg_advisory_xact_lock(?, ?)", rs -> null, LOCK_SPACE, layer.name().hashCode());
            return;
        }
        // the embedded database belongs to this process: a JVM lock, released when the transaction completes
        ReentrantLock lock = locks.computeIfAbsent(layer.name(), k -> new ReentrantLock());
        lock.lock();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                lock.unlock();
            }
        });
    }

    @Override
    public Feature insert(Layer layer, FeatureDraft draft, Change change) {
        return tx.execute(status -> {
            lockForWrite(layer);
            Instant now = Instant.now();
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(insertSql(layer), new String[] {"id"});
                bindInsert(ps, 1, layer, draft, change.actor(), now);
                return ps;
            }, keys);
            long id = keys.getKeyAs(Number.class).longValue();
            logChange(layer, id, 'I', draft.geometry().getEnvelopeInternal());
            Feature f = get(layer, id).orElseThrow();
            record(f, change, false);
            return f;
        });
    }

    @Override
    public Feature reinsert(Layer layer, long id, int version, FeatureDraft draft, Change change) {
        return tx.execute(status -> {
            lockForWrite(layer);
            Optional<Feature> existing = get(layer, id);
            if (existing.isPresent()) {
                throw new VersionConflictException(existing.get(), version - 1);
            }
            Instant now = Instant.now();
            String sql = insertSql(layer).replaceFirst("\\(version", "(id, version").replaceFirst("VALUES \\(1",
                    "VALUES (?, ?");
            jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(sql);
                ps.setLong(1, id);
                ps.setInt(2, version);
                bindInsert(ps, 3, layer, draft, change.actor(), now);
                return ps;
            });
            logChange(layer, id, 'I', draft.geometry().getEnvelopeInternal());
            Feature f = get(layer, id).orElseThrow();
            record(f, change, false);
            return f;
        });
    }

    @Override
    public Feature update(Layer layer, long id, int expectedVersion, FeatureDraft draft, Change change) {
        return tx.execute(status -> {
            lockForWrite(layer);
            fillInImported(layer, id);
            Envelope touched = box(layer, id);
            StringBuilder sql = new StringBuilder("UPDATE ").append(layer.table()).append(" SET version = version + 1");
            for (Attribute a : layer.attributes()) {
                sql.append(", ").append(a.column()).append(" = ?");
            }
            sql.append(", extra = ").append(dialect.jsonParameter())
                    .append(", updated_by = ?, updated_at = ?, geom = ST_GeomFromWKB(?, 4490) WHERE id = ? AND version = ?");
            int n = jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(sql.toString());
                int i = bindAttributes(ps, 1, layer, draft);
                ps.setString(i++, json(draft.extra()));
                ps.setString(i++, change.actor());
                ps.setObject(i++, OffsetDateTime.ofInstant(Instant.now(), ZoneOffset.UTC));
                ps.setBytes(i++, wkb(draft.geometry()));
                ps.setLong(i++, id);
                ps.setInt(i, expectedVersion);
                return ps;
            });
            if (n == 0) {
                throw missingOrConflict(layer, id, expectedVersion);
            }
            touched.expandToInclude(draft.geometry().getEnvelopeInternal());
            logChange(layer, id, 'U', touched);
            Feature f = get(layer, id).orElseThrow();
            record(f, change, false);
            return f;
        });
    }

    @Override
    public void delete(Layer layer, long id, int expectedVersion, Change change) {
        tx.executeWithoutResult(status -> {
            lockForWrite(layer);
            Feature before = get(layer, id).orElseThrow(() -> new FeatureNotFoundException(layer.name(), id));
            int n = jdbc.update("DELETE FROM " + layer.table() + " WHERE id = ? AND version = ?", id, expectedVersion);
            if (n == 0) {
                throw missingOrConflict(layer, id, expectedVersion);
            }
            logChange(layer, id, 'D', before.geometry().getEnvelopeInternal());
            record(before, change, true);
        });
    }

    private RuntimeException missingOrConflict(Layer layer, long id, int expectedVersion) {
        return get(layer, id).<RuntimeException>map(f -> new VersionConflictException(f, expectedVersion))
                .orElseGet(() -> new FeatureNotFoundException(layer.name(), id));
    }

    @Override
    public int importFeatures(Layer layer, List<FeatureDraft> drafts, boolean replace, Change change) {
        Integer written = tx.execute(status -> {
            lockForWrite(layer);
            Instant now = Instant.now();
            if (replace) {
                recordAll(layer, "", change, now, true);
                jdbc.update("DELETE FROM " + layer.table());
            }
            // under the layer's lock, every id above this one is ours
            Long before = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM " + layer.table(), Long.class);
            int total = 0;
            if (dialect == SqlDialect.POSTGIS) {
                total = copyIn(layer, drafts, change.actor(), now);
            } else {
                String sql = insertSql(layer);
                for (int from = 0; from < drafts.size(); from += BATCH) {
                    List<FeatureDraft> chunk = drafts.subList(from, Math.min(drafts.size(), from + BATCH));
                    jdbc.batchUpdate(sql, chunk, chunk.size(),
                            (ps, draft) -> bindInsert(ps, 1, layer, draft, change.actor(), now));
                    total += chunk.size();
                }
            }
            recordImport(layer, before == null ? 0 : before, change, now);
            logChange(layer, null, 'L', null);
            return total;
        });
        return written == null ? 0 : written;
    }

    // --- history --------------------------------------------------------------------------------------------------

    private static final String HISTORY_COLUMNS = "edit_id, layer_name, feature_id, version, op, actor, changed_at,"
            + " deleted, attributes, extra, geom";

    /** Appends a feature's state to its history (for a deletion: the state deleted). */
    private void record(Feature f, Change change, boolean deleted) {
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO feature_history (" + HISTORY_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + dialect.jsonParameter() + ", " + dialect.jsonParameter()
                    + ", ST_GeomFromWKB(?, 4490))");
            ps.setString(1, change.editId());
            ps.setString(2, f.layer());
            ps.setLong(3, f.id());
            ps.setInt(4, f.version());
            ps.setString(5, change.op());
            ps.setString(6, change.actor());
            ps.setObject(7, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setBoolean(8, deleted);
            ps.setString(9, json(f.attributes()));
            ps.setString(10, json(f.extra()));
            ps.setBytes(11, wkb(f.geometry()));
            return ps;
        });
    }

    /** Appends the current state of many features to the history, in the database. */
    private void recordAll(Layer layer, String where, Change change, Instant at, boolean deleted) {
        StringBuilder attrs = new StringBuilder();
        for (Attribute a : layer.attributes()) {
            attrs.append(attrs.length() == 0 ? "" : ", ").append(dialect.jsonMember(a.name(), a.column()));
        }
        jdbc.update("INSERT INTO feature_history (" + HISTORY_COLUMNS + ") SELECT ?, ?, id, version, ?, ?, ?, ?, "
                        + dialect.jsonObject(attrs.toString()) + ", extra, geom FROM " + layer.table() + where,
                change.editId(), layer.name(), change.op(), change.actor(), OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                deleted);
    }

    // --- the history of imports -------------------------------------------------------------------------------------
    //
    // An import does not copy its new features into feature_history: it writes one marker row there (feature_id 0,
    // version 0; its id orders the import among the other edits, its edit_id, op, actor, changed_at and undone are the
    // import's) and, in feature_import, the range of ids its new rows took. A feature of that range still at version 1
    // is as the import wrote it: its entry is read from its current row. An update first writes that entry into
    // feature_history (fillInImported); a deletion's own row holds the state deleted, the same state, and stands for
    // it afterwards (so a replace writes one row per feature it deletes, not two).


    /** An import recorded once: its marker row and the ids of the rows it wrote. */
    private record ImportRecord(long historyId, String editId, String layer, long firstId, long lastId, String op,
                                String actor, Instant at, boolean undone) {
    }

    /** Records an import whose new rows are those above {@code before} (the layer's lock is held). */
    private void recordImport(Layer layer, long before, Change change, Instant at) {
        long[] range = jdbc.query("SELECT MIN(id), MAX(id) FROM " + layer.table() + " WHERE id > ?", rs -> {
            rs.next();
            long min = rs.getLong(1);
            return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
        }, before);
        if (range == null) {
            // nothing new: as before, an empty import leaves no trace in the history (a replace has its deletions)
            return;
        }
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO feature_history (edit_id, layer_name,"
                    + " feature_id, version, op, actor, changed_at, deleted) VALUES (?, ?, 0, 0, ?, ?, ?, FALSE)",
                    new String[] {"id"});
            ps.setString(1, change.editId());
            ps.setString(2, layer.name());
            ps.setString(3, change.op());
            ps.setString(4, change.actor());
            ps.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            return ps;
        }, keys);
        jdbc.update("INSERT INTO feature_import (history_id, edit_id, layer_name, first_id, last_id)"
                + " VALUES (?, ?, ?, ?, ?)", keys.getKeyAs(Number.class).longValue(), change.editId(), layer.name(),
                range[0], range[1]);
    }

    /**
     * PostGIS: writes an import's new rows with {@code COPY … FROM STDIN} (text format, geometries as hex EWKB) on the
     * transaction's connection, a chunk at a time, instead of batches of INSERTs.
     */
    private int copyIn(Layer layer, List<FeatureDraft> drafts, String actor, Instant now) {
        StringBuilder cols = new StringBuilder("version");
        for (Attribute a : layer.attributes()) {
            cols.append(", ").append(a.column());
        }
        cols.append(", extra, created_by, created_at, updated_by, updated_at, geom");
        String sql = "COPY " + layer.table() + " (" + cols + ") FROM STDIN";
        String at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC).toString();
        String who = copyText(actor);
        WKBWriter ewkb = new WKBWriter(2, true);
        HexFormat hex = HexFormat.of();
        Connection con = DataSourceUtils.getConnection(jdbc.getDataSource());
        try {
            CopyIn copy = con.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            try {
                StringBuilder text = new StringBuilder(1 << 20);
                for (int i = 0; i < drafts.size(); i++) {
                    FeatureDraft d = drafts.get(i);
                    text.append('1');
                    for (Attribute a : layer.attributes()) {
                        text.append('\t').append(copyValue(a, d.attributes().get(a.name())));
                    }
                    Geometry g = d.geometry();
                    if (g.getSRID() != 4490) {
                        g = g.copy();
                        g.setSRID(4490);
                    }
                    text.append('\t').append(copyText(json(d.extra()))).append('\t').append(who).append('\t')
                            .append(at).append('\t').append(who).append('\t').append(at).append('\t')
                            .append(hex.formatHex(ewkb.write(g))).append('\n');
                    if (text.length() > (1 << 20) || i == drafts.size() - 1) {
                        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        text.setLength(0);
                    }
                }
                long n = copy.endCopy();
                return (int) n;
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw jdbc.getExceptionTranslator().translate("COPY of an import", sql, e);
        } finally {
            DataSourceUtils.releaseConnection(con, jdbc.getDataSource());
        }
    }

    /** A value in COPY's text format ({@code \N} for null). */
    private static String copyValue(Attribute a, Object v) {
        if (v == null) {
            return "\\N";
        }
        return switch (a.type()) {
            case STRING, ENUM -> copyText(v.toString());
            case INTEGER -> Integer.toString(((Number) v).intValue());
            case DECIMAL -> Double.toString(((Number) v).doubleValue());
            case BOOLEAN -> ((Boolean) v) ? "t" : "f";
            case DATE -> ((LocalDate) v).toString();
        };
    }

    /** Text escaped for COPY's text format. */
    private static String copyText(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The latest import whose new rows include the feature's id, if any. */
    private Optional<ImportRecord> importOf(Layer layer, long id) {
        return importRecord(" WHERE i.layer_name = ? AND i.first_id <= ? AND i.last_id >= ?", layer.name(), id, id);
    }

    private Optional<ImportRecord> importRecord(String where, Object... args) {
        return jdbc.query("SELECT i.history_id, h.edit_id, i.layer_name, i.first_id, i.last_id, h.op, h.actor,"
                + " h.changed_at, h.undone FROM feature_import i JOIN feature_history h ON h.id = i.history_id" + where
                + " ORDER BY i.history_id DESC", (rs, row) -> new ImportRecord(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant(), rs.getBoolean(9)), args)
                .stream().findFirst();
    }

    /**
     * Before a feature an import wrote changes for the first time, writes its import entry into the history (in the
     * caller's transaction), so that the history stays exact once the row no longer holds that state.
     */
    private void fillInImported(Layer layer, long id) {
        Optional<ImportRecord> imported = importOf(layer, id);
        if (imported.isEmpty()) {
            return;
        }
        ImportRecord i = imported.get();
        jdbc.update("INSERT INTO feature_history (" + HISTORY_COLUMNS + ", undone) SELECT ?, ?, id, version, ?, ?, ?,"
                + " FALSE, " + attributesJson(layer, false) + ", extra, geom, ? FROM " + layer.table()
                + " WHERE id = ? AND version = 1", i.editId(), layer.name(), i.op(), i.actor(),
                OffsetDateTime.ofInstant(i.at(), ZoneOffset.UTC), i.undone(), id);
    }

    /**
     * The attributes of a layer's row as the JSON the history holds: built in SQL as {@link #recordAll} stores it (on
     * PostGIS read back through jsonb, as the history's column returns it).
     */
    private String attributesJson(Layer layer, boolean asStored) {
        StringBuilder attrs = new StringBuilder();
        for (Attribute a : layer.attributes()) {
            attrs.append(attrs.length() == 0 ? "" : ", ").append(dialect.jsonMember(a.name(), a.column()));
        }
        String json = dialect.jsonObject(attrs.toString());
        return asStored && dialect == SqlDialect.POSTGIS ? "CAST(" + json + " AS jsonb)" : json;
    }

    /**
     * The import's entry of one feature of its range, not in feature_history: from the current row while the feature
     * is at version 1, else from the row of its deletion at version 1 (the state deleted is the state imported).
     *
     * @param rows the feature's rows in feature_history
     */
    private Optional<HistoryEntry> importedEntry(Layer layer, ImportRecord i, long id, List<HistoryEntry> rows) {
        Optional<HistoryEntry> current = jdbc.query("SELECT id, " + attributesJson(layer, true)
                + ", extra, ST_AsBinary(geom) FROM " + layer.table() + " WHERE id = ? AND version = 1",
                importedMapper(i), id).stream().findFirst();
        if (current.isPresent()) {
            return current;
        }
        return rows.stream().filter(h -> h.version() == 1 && h.deleted() && h.id() > i.historyId()).findFirst()
                .map(h -> imported(i, h.featureId(), h.state().geometry(), h.state().attributes(), h.state().extra()));
    }

    /** The import's entries of every feature of its range that feature_history does not hold. */
    private List<HistoryEntry> importedEntries(ImportRecord i) {
        Layer layer = catalog.get(i.layer());
        List<HistoryEntry> out = new ArrayList<>(jdbc.query("SELECT id, " + attributesJson(layer, true)
                + ", extra, ST_AsBinary(geom) FROM " + layer.table() + " WHERE id BETWEEN ? AND ? AND version = 1",
                importedMapper(i), i.firstId(), i.lastId()));
        for (HistoryEntry h : jdbc.query(historySelect() + " WHERE layer_name = ? AND feature_id BETWEEN ? AND ?"
                + " AND version = 1 AND deleted = TRUE AND id > ?", historyMapper(), i.layer(), i.firstId(), i.lastId(),
                i.historyId())) {
            out.add(imported(i, h.featureId(), h.state().geometry(), h.state().attributes(), h.state().extra()));
        }
        return out;
    }

    private static RowMapper<HistoryEntry> importedMapper(ImportRecord i) {
        return (rs, row) -> imported(i, rs.getLong(1), geometry(rs.getBytes(4)), parseJson(rs.getString(2)),
                parseJson(rs.getString(3)));
    }

    private static HistoryEntry imported(ImportRecord i, long featureId, MultiPolygon geometry,
                                         Map<String, Object> attributes, Map<String, Object> extra) {
        Feature state = new Feature(featureId, i.layer(), 1, geometry, attributes, extra, i.actor(), i.at(), i.actor(),
                i.at());
        return new HistoryEntry(i.historyId(), i.editId(), i.layer(), featureId, 1, i.op(), i.actor(), i.at(), false,
                i.undone(), state);
    }

    @Override
    public List<HistoryEntry> history(Layer layer, long id) {
        if (id <= 0) {
            // feature_id 0 is an import's marker row, not a feature
            return List.of();
        }
        List<HistoryEntry> rows = new ArrayList<>(jdbc.query(historySelect()
                + " WHERE layer_name = ? AND feature_id = ? ORDER BY version DESC, id DESC", historyMapper(),
                layer.name(), id));
        Optional<ImportRecord> imported = importOf(layer, id);
        if (imported.isPresent()) {
            importedEntry(layer, imported.get(), id, rows).ifPresent(e -> {
                rows.add(e);
                rows.sort(Comparator.comparingInt(HistoryEntry::version).thenComparingLong(HistoryEntry::id)
                        .reversed());
            });
        }
        return rows;
    }

    @Override
    public List<HistoryEntry> lastEdit(String actor) {
        // an import's time is its marker row; the rows an update later filled in for it do not count
        List<String> edits = jdbc.queryForList("SELECT h.edit_id FROM feature_history h WHERE h.actor = ?"
                + " AND h.undone = FALSE AND h.op <> 'undo' AND NOT EXISTS (SELECT 1 FROM feature_import i"
                + " WHERE i.edit_id = h.edit_id AND h.id > i.history_id) ORDER BY h.id DESC LIMIT 1", String.class,
                actor);
        if (edits.isEmpty()) {
            return List.of();
        }
        List<HistoryEntry> rows = new ArrayList<>(jdbc.query(historySelect()
                + " WHERE edit_id = ? AND feature_id <> 0 ORDER BY id DESC", historyMapper(), edits.get(0)));
        Optional<ImportRecord> imported = importRecord(" WHERE h.edit_id = ?", edits.get(0));
        if (imported.isPresent()) {
            rows.addAll(importedEntries(imported.get()));
            rows.sort(Comparator.comparingLong(HistoryEntry::id).thenComparingLong(HistoryEntry::featureId)
                    .reversed());
        }
        return rows;
    }

    @Override
    public void markUndone(String editId) {
        jdbc.update("UPDATE feature_history SET undone = TRUE WHERE edit_id = ?", editId);
    }

    private static String historySelect() {
        return "SELECT id, edit_id, layer_name, feature_id, version, op, actor, changed_at, undone, attributes, extra,"
                + " ST_AsBinary(geom), deleted FROM feature_history";
    }

    private static RowMapper<HistoryEntry> historyMapper() {
        return (rs, row) -> {
            Instant at = rs.getObject(8, OffsetDateTime.class).toInstant();
            String layer = rs.getString(3);
            long featureId = rs.getLong(4);
            int version = rs.getInt(5);
            String actor = rs.getString(7);
            Feature state = new Feature(featureId, layer, version, geometry(rs.getBytes(12)), parseJson(rs.getString(10)),
                    parseJson(rs.getString(11)), actor, at, actor, at);
            return new HistoryEntry(rs.getLong(1), rs.getString(2), layer, featureId, version, rs.getString(6), actor,
                    at, rs.getBoolean(13), rs.getBoolean(9), state);
        };
    }

    @Override
    public List<LayerChange> changesSince(Layer layer, long seq) {
        return jdbc.query("SELECT seq, layer_name, feature_id, op, min_x, min_y, max_x, max_y FROM layer_change"
                + " WHERE layer_name = ? AND seq > ? ORDER BY seq", (rs, i) -> {
                    long fid = rs.getLong(3);
                    Long featureId = rs.wasNull() ? null : fid;
                    double minX = rs.getDouble(5);
                    Envelope box = rs.wasNull() ? null : new Envelope(minX, rs.getDouble(7), rs.getDouble(6),
                            rs.getDouble(8));
                    return new LayerChange(rs.getLong(1), rs.getString(2), featureId, rs.getString(4).charAt(0), box);
                }, layer.name(), seq);
    }

    @Override
    public long lastChange(Layer layer) {
        Long n = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM layer_change WHERE layer_name = ?",
                Long.class, layer.name());
        return n == null ? 0 : n;
    }

    @Override
    public Map<String, Long> lastChanges(List<Layer> layers) {
        // one index seek per layer (layer_change_layer_seq_idx), not a scan of the log
        List<String> names = layers.stream().map(Layer::name).toList();
        if (names.isEmpty()) {
            return Map.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(SELECT COALESCE(MAX(seq), 0) FROM layer_change WHERE layer_name = ?)");
        }
        return jdbc.query(sql.toString(), rs -> {
            Map<String, Long> last = new java.util.TreeMap<>();
            rs.next();
            for (int i = 0; i < names.size(); i++) {
                last.put(names.get(i), rs.getLong(i + 1));
            }
            return last;
        }, names.toArray());
    }

    @Override
    public long lastChange() {
        Long n = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM layer_change", Long.class);
        return n == null ? 0 : n;
    }

    /** Appends to the change log, with where the change happened ({@code null}: the whole layer). */
    private void logChange(Layer layer, Long featureId, char op, Envelope box) {
        boolean known = box != null && !box.isNull();
        jdbc.update("INSERT INTO layer_change (layer_name, feature_id, op, changed_at, min_x, min_y, max_x, max_y)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", layer.name(), featureId, String.valueOf(op),
                OffsetDateTime.now(ZoneOffset.UTC), known ? box.getMinX() : null, known ? box.getMinY() : null,
                known ? box.getMaxX() : null, known ? box.getMaxY() : null);
    }

    /** The stored feature's bounding box (empty if there is no such feature). */
    Envelope box(Layer layer, long id) {
        List<Envelope> box = jdbc.query("SELECT ST_XMin(geom), ST_XMax(geom), ST_YMin(geom), ST_YMax(geom) FROM "
                + layer.table() + " WHERE id = ?", (rs, i) -> new Envelope(rs.getDouble(1), rs.getDouble(2),
                rs.getDouble(3), rs.getDouble(4)), id);
        return box.isEmpty() ? new Envelope() : box.get(0);
    }

    // --- SQL text and binding -------------------------------------------------------------------------------------

    private static String select(Layer layer) {
        StringBuilder sql = new StringBuilder("SELECT id, version");
        for (Attribute a : layer.attributes()) {
            sql.append(", ").append(a.column());
        }
        return sql.append(", extra, created_by, created_at, updated_by, updated_at, ST_AsBinary(geom) AS wkb FROM ")
                .append(layer.table()).toString();
    }

    private String insertSql(Layer layer) {
        StringBuilder cols = new StringBuilder("version");
        StringBuilder vals = new StringBuilder("1");
        for (Attribute a : layer.attributes()) {
            cols.append(", ").append(a.column());
            vals.append(", ?");
        }
        cols.append(", extra, created_by, created_at, updated_by, updated_at, geom");
        vals.append(", ").append(dialect.jsonParameter()).append(", ?, ?, ?, ?, ST_GeomFromWKB(?, 4490)");
        return "INSERT INTO " + layer.table() + " (" + cols + ") VALUES (" + vals + ")";
    }

    private void bindInsert(PreparedStatement ps, int start, Layer layer, FeatureDraft draft, String actor,
                            Instant now) throws SQLException {
        int i = bindAttributes(ps, start, layer, draft);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        ps.setString(i++, json(draft.extra()));
        ps.setString(i++, actor);
        ps.setObject(i++, at);
        ps.setString(i++, actor);
        ps.setObject(i++, at);
        ps.setBytes(i, wkb(draft.geometry()));
    }

    private static int bindAttributes(PreparedStatement ps, int start, Layer layer, FeatureDraft draft)
            throws SQLException {
        int i = start;
        for (Attribute a : layer.attributes()) {
            Object v = draft.attributes().get(a.name());
            switch (a.type()) {
                case STRING, ENUM -> {
                    if (v == null) {
                        ps.setNull(i, Types.VARCHAR);
                    } else {
                        ps.setString(i, v.toString());
                    }
                }
                case INTEGER -> {
                    if (v == null) {
                        ps.setNull(i, Types.INTEGER);
                    } else {
                        ps.setInt(i, ((Number) v).intValue());
                    }
                }
                case DECIMAL -> {
                    if (v == null) {
                        ps.setNull(i, Types.DOUBLE);
                    } else {
                        ps.setDouble(i, ((Number) v).doubleValue());
                    }
                }
                case BOOLEAN -> {
                    if (v == null) {
                        ps.setNull(i, Types.BOOLEAN);
                    } else {
                        ps.setBoolean(i, (Boolean) v);
                    }
                }
                case DATE -> {
                    if (v == null) {
                        ps.setNull(i, Types.DATE);
                    } else {
                        ps.setObject(i, (LocalDate) v);
                    }
                }
                default -> throw new IllegalStateException("unknown type " + a.type());
            }
            i++;
        }
        return i;
    }

    private static RowMapper<Feature> mapper(Layer layer) {
        return (rs, row) -> {
            int i = 1;
            long id = rs.getLong(i++);
            int version = rs.getInt(i++);
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (Attribute a : layer.attributes()) {
                attributes.put(a.name(), read(rs, i++, a));
            }
            Map<String, Object> extra = parseJson(rs.getString(i++));
            String createdBy = rs.getString(i++);
            Instant createdAt = rs.getObject(i++, OffsetDateTime.class).toInstant();
            String updatedBy = rs.getString(i++);
            Instant updatedAt = rs.getObject(i++, OffsetDateTime.class).toInstant();
            MultiPolygon geometry = geometry(rs.getBytes(i));
            return new Feature(id, layer.name(), version, geometry, attributes, extra, createdBy, createdAt, updatedBy,
                    updatedAt);
        };
    }

    private static Object read(ResultSet rs, int i, Attribute a) throws SQLException {
        Object v = switch (a.type()) {
            case STRING, ENUM -> rs.getString(i);
            case INTEGER -> rs.getInt(i);
            case DECIMAL -> rs.getDouble(i);
            case BOOLEAN -> rs.getBoolean(i);
            case DATE -> rs.getObject(i, LocalDate.class);
        };
        return rs.wasNull() ? null : v;
    }

    private static byte[] wkb(Geometry g) {
        return new WKBWriter(2).write(g);
    }

    private static MultiPolygon geometry(byte[] wkb) throws SQLException {
        try {
            Geometry g = new WKBReader(Geometries.STORAGE).read(wkb);
            if (g instanceof MultiPolygon mp) {
                // written by this store: already a MultiPolygon with RFC 7946 winding
                mp.setSRID(Geometries.STORAGE.getSRID());
                return mp;
            }
            return Geometries.toStoredMultiPolygon(g);
        } catch (ParseException | IllegalArgumentException e) {
            throw new SQLException("unreadable geometry in the database: " + e.getMessage(), e);
        }
    }

    private static String json(Map<String, Object> extra) {
        return JSON.writeValueAsString(extra == null ? Map.of() : extra);
    }

    private static Map<String, Object> parseJson(String text) {
        if (text == null || text.isBlank() || text.equals("{}")) {
            return new LinkedHashMap<>();
        }
        return JSON.readValue(text, MAP);
    }
}
