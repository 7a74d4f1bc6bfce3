namespace PolicyApi.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL announces each responsible unit removed, on <see cref="Channel"/> with the unit's id, when the removal
/// commits (a trigger's NOTIFY is delivered at commit, and never for a removal rolled back). Every replica listens, so
/// that the tokens of the unit's reporters it remembers as validated stop being taken at once, wherever the unit was
/// deleted.
/// </summary>
public static class UnitRemovals
{
    public const string Channel = "policyapi_unit_removed";

    /// <summary>
    /// A connection string that keeps a session (LISTEN needs one): straight to the primary where the service's own goes
    /// through a pooler in transaction mode (PgBouncer); the service's own when not set.
    /// </summary>
    public const string ConnectionStringName = "PolicyListen";

    /// <summary>The key of the <see cref="Npgsql.NpgsqlDataSource"/> the listener opens its connection from.</summary>
    public const string DataSourceKey = "unit-removals";

    internal const string Create = $$"""
        CREATE FUNCTION policy.announce_unit_removed() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{{Channel}}', OLD.id::text);
            RETURN NULL;
        END $$;

        CREATE TRIGGER announce_unit_removed AFTER DELETE ON policy.responsible_units
            FOR EACH ROW EXECUTE FUNCTION policy.announce_unit_removed();
        """;

    internal const string Drop = """
        DROP TRIGGER IF EXISTS announce_unit_removed ON policy.responsible_units;
        DROP FUNCTION IF EXISTS policy.announce_unit_removed();
        """;
}
