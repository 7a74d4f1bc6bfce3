using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace PolicyApi.Infrastructure.Persistence;

/// <summary>What kind of work a request does, and so how long its database commands may run.</summary>
public enum QueryClass
{
    /// <summary>Reading one resource.</summary>
    Resource,

    /// <summary>A page of a collection.</summary>
    List,

    /// <summary>A change (create, update, delete, a review step, an import commit).</summary>
    Write,

    /// <summary>A supervision question: attainment, rankings, due and overdue, a bulletin.</summary>
    Supervision,

    /// <summary>A download (CSV, XLSX) or a check over a whole table (the audit log).</summary>
    Export,
}

/// <summary>Configuration section <c>Database:Budgets</c>: how long a command of each class may run in PostgreSQL.</summary>
public sealed class QueryBudgetOptions
{
    public const string Section = "Database:Budgets";

    public TimeSpan Resource { get; set; } = TimeSpan.FromSeconds(3);

    public TimeSpan List { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Write { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan Supervision { get; set; } = TimeSpan.FromSeconds(15);

    public TimeSpan Export { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan For(QueryClass kind) => kind switch
    {
        QueryClass.Resource => Resource,
        QueryClass.List => List,
        QueryClass.Supervision => Supervision,
        QueryClass.Export => Export,
        _ => Write,
    };

    /// <summary>The longest budget: PostgreSQL's own statement_timeout for the service's sessions, a backstop.</summary>
    public TimeSpan Longest => new[] { Resource, List, Write, Supervision, Export }.Max();
}

/// <summary>The class of work now under way (the current request's, or <see cref="QueryClass.Write"/> outside one).</summary>
public interface IQueryClassSource
{
    QueryClass Current { get; }
}

/// <summary>The class of background work: migrations, checkpoints, demo data.</summary>
public sealed class BackgroundQueryClass : IQueryClassSource
{
    public QueryClass Current => QueryClass.Write;
}

/// <summary>
/// Gives every command the budget of the work it serves. When it runs past it, Npgsql asks PostgreSQL to cancel
/// the statement (the work stops in the database, not only in .NET), and the caller gets a 503.
/// </summary>
public sealed class QueryBudget(IQueryClassSource source, IOptions<QueryBudgetOptions> options)
{
    public TimeSpan Current => options.Value.For(source.Current);

    /// <summary>ADO.NET counts whole seconds; a budget under a second still gets one.</summary>
    public int CurrentSeconds => Math.Max(1, (int)Math.Ceiling(Current.TotalSeconds));

    public void Apply(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.CommandTimeout = CurrentSeconds;
    }
}

/// <summary>Applies <see cref="QueryBudget"/> to every command EF Core sends.</summary>
public sealed class QueryBudgetInterceptor(QueryBudget budget) : DbCommandInterceptor
{
    public override DbCommand CommandCreated(CommandEndEventData eventData, DbCommand result)
    {
        budget.Apply(result);
        return result;
    }
}

/// <summary>Connection settings the service always wants, whatever the connection string says.</summary>
public static class ConnectionSettings
{
    /// <summary>
    /// A short connect timeout (an unreachable server is answered with a 503 within about two seconds, not after
    /// fifteen) unless the connection string sets its own, a statement_timeout backstop just above the longest
    /// budget, so that no statement outlives its request in PostgreSQL, no JIT compilation, no reset of pooled
    /// connections and automatic preparation of repeated statements.
    /// </summary>
    public static string Apply(string connectionString, QueryBudgetOptions budgets)
    {
        ArgumentNullException.ThrowIfNull(budgets);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        if (!given.Contains("TIMEOUT"))
        {
            builder.Timeout = 2;
        }

        ServerSetting(builder, "statement_timeout", ((int)(budgets.Longest + TimeSpan.FromSeconds(5)).TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));

        // JIT compilation costs hundreds of milliseconds on the first run of a big-looking plan: a page of a list is
        // never worth it (seen: overdue lists at 0.9 s with it, 50 ms without).
        ServerSetting(builder, "jit", "off");

        // Statements are prepared (below), and PostgreSQL would switch a prepared statement to a generic plan after
        // five runs: the supervision queries filter by optional parameters ("@document_id IS NULL OR …"), whose
        // generic plan cannot use the index the given filter needs (overdue for one document at 15 M rows: a sort of
        // the document's 77,000 obligations instead of an index walk). Each run is planned for its values.
        ServerSetting(builder, "plan_cache_mode", "force_custom_plan");

        // The service keeps no session state (settings ride on the startup options above, advisory locks are
        // transaction-scoped), so a pooled connection needs no DISCARD ALL on its way back: that was one more round
        // trip per query. Statements the service repeats are prepared on the server once per connection.
        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    /// <summary>Adds <c>-c name=value</c> to the startup options unless the connection string already sets that setting.</summary>
    private static void ServerSetting(NpgsqlConnectionStringBuilder builder, string name, string value)
    {
        if (builder.Options?.Contains(name + "=", StringComparison.Ordinal) != true)
        {
            builder.Options = $"{builder.Options} -c {name}={value}".Trim();
        }
    }
}
