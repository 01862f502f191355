package dev.cobranca.api.adapter;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.cobranca.postgres.RotatingDataSource;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart: a snapshot may be restored minutes or days later, in many copies; a TCP connection captured in it
 * is dead or, worse, shared. Connections are evicted before the snapshot and again after each restore, so every
 * restored environment opens its own. (The pool also keeps no idle minimum and validates what it hands out.)
 * A restore also reads the database secret again: the one in the snapshot may have been rotated since.
 */
public final class PoolSnapshotHook implements Resource {

    private final HikariDataSource dataSource;

    public PoolSnapshotHook(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        evict();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        if (dataSource instanceof RotatingDataSource rotating) {
            rotating.refreshCredentials();
        } else {
            evict();
        }
    }

    /** Idle connections close now; connections in use close when returned. */
    public void evict() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }
}
