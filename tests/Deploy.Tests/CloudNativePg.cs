using k8s;
using k8s.Models;
using YamlDotNet.Serialization;

namespace PolicyApi.Deploy.Tests;

// The CloudNativePG resources deploy/k8s uses (postgresql.cnpg.io/v1), as the operator's API reference describes them,
// down to the fields we set. Loaded with KubernetesClient's strict YAML deserializer, an unknown or misspelt field fails
// the load; Validate() checks what the CRD's schema constrains beyond the shape (enums, minimums, required fields).
// Only the fields used here are modelled: a field the manifests start to use must be added here, checked against
// https://cloudnative-pg.io/documentation/current/cloudnative-pg.v1/.

public abstract class CnpgObject<TSpec> : IKubernetesObject<V1ObjectMeta>
    where TSpec : class
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public V1ObjectMeta Metadata { get; set; } = new();

    public TSpec? Spec { get; set; }
}

[KubernetesEntity(Group = "postgresql.cnpg.io", ApiVersion = "v1", Kind = "Cluster", PluralName = "clusters")]
public sealed class CnpgCluster : CnpgObject<ClusterSpec>;

[KubernetesEntity(Group = "postgresql.cnpg.io", ApiVersion = "v1", Kind = "Pooler", PluralName = "poolers")]
public sealed class CnpgPooler : CnpgObject<PoolerSpec>;

[KubernetesEntity(Group = "postgresql.cnpg.io", ApiVersion = "v1", Kind = "ScheduledBackup", PluralName = "scheduledbackups")]
public sealed class CnpgScheduledBackup : CnpgObject<ScheduledBackupSpec>;

public sealed class ClusterSpec
{
    public int Instances { get; set; }

    public string? ImageName { get; set; }

    public string? PrimaryUpdateStrategy { get; set; }

    public PostgresConfiguration? Postgresql { get; set; }

    public BootstrapConfiguration? Bootstrap { get; set; }

    public ManagedConfiguration? Managed { get; set; }

    public StorageConfiguration? Storage { get; set; }

    public StorageConfiguration? WalStorage { get; set; }

    public V1ResourceRequirements? Resources { get; set; }

    public AffinityConfiguration? Affinity { get; set; }

    public MonitoringConfiguration? Monitoring { get; set; }

    public BackupConfiguration? Backup { get; set; }
}

public sealed class PostgresConfiguration
{
    public SynchronousReplicaConfiguration? Synchronous { get; set; }

    public Dictionary<string, string> Parameters { get; set; } = [];
}

public sealed class SynchronousReplicaConfiguration
{
    public string Method { get; set; } = string.Empty;

    public int Number { get; set; }
}

public sealed class BootstrapConfiguration
{
    public BootstrapInitDb? Initdb { get; set; }
}

public sealed class BootstrapInitDb
{
    public string? Database { get; set; }

    public string? Owner { get; set; }

    public LocalObjectReference? Secret { get; set; }

    public string? Encoding { get; set; }

    [YamlMember(Alias = "localeCType", ApplyNamingConventions = false)]
    public string? LocaleCType { get; set; }

    public string? LocaleCollate { get; set; }
}

public sealed class ManagedConfiguration
{
    public List<RoleConfiguration> Roles { get; set; } = [];
}

public sealed class RoleConfiguration
{
    public string Name { get; set; } = string.Empty;

    public string? Ensure { get; set; }

    public bool Login { get; set; }

    public LocalObjectReference? PasswordSecret { get; set; }
}

public sealed class StorageConfiguration
{
    public string? Size { get; set; }

    public string? StorageClass { get; set; }
}

public sealed class AffinityConfiguration
{
    public bool? EnablePodAntiAffinity { get; set; }

    public string? TopologyKey { get; set; }

    public string? PodAntiAffinityType { get; set; }
}

public sealed class MonitoringConfiguration
{
    public bool EnablePodMonitor { get; set; }
}

public sealed class BackupConfiguration
{
    public string? RetentionPolicy { get; set; }

    public BarmanObjectStoreConfiguration? BarmanObjectStore { get; set; }
}

public sealed class BarmanObjectStoreConfiguration
{
    public string DestinationPath { get; set; } = string.Empty;

    [YamlMember(Alias = "endpointURL", ApplyNamingConventions = false)]
    public string? EndpointUrl { get; set; }

    [YamlMember(Alias = "s3Credentials", ApplyNamingConventions = false)]
    public S3Credentials? S3Credentials { get; set; }

    public CompressionConfiguration? Wal { get; set; }

    public CompressionConfiguration? Data { get; set; }
}

public sealed class S3Credentials
{
    public SecretKeySelector? AccessKeyId { get; set; }

    public SecretKeySelector? SecretAccessKey { get; set; }
}

public sealed class CompressionConfiguration
{
    public string? Compression { get; set; }
}

public sealed class PoolerSpec
{
    public LocalObjectReference? Cluster { get; set; }

    public int Instances { get; set; }

    public string Type { get; set; } = "rw";

    public PgBouncerSpec? Pgbouncer { get; set; }
}

public sealed class PgBouncerSpec
{
    public string PoolMode { get; set; } = "session";

    public Dictionary<string, string> Parameters { get; set; } = [];
}

public sealed class ScheduledBackupSpec
{
    public string Schedule { get; set; } = string.Empty;

    public string? BackupOwnerReference { get; set; }

    public LocalObjectReference? Cluster { get; set; }

    public string? Method { get; set; }
}

public sealed class LocalObjectReference
{
    public string Name { get; set; } = string.Empty;
}

public sealed class SecretKeySelector
{
    public string Name { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;
}

/// <summary>What the CRDs' schemas require beyond the shape of the fields.</summary>
internal static class CnpgSchema
{
    public static readonly Dictionary<string, Type> Types = new()
    {
        ["postgresql.cnpg.io/v1/Cluster"] = typeof(CnpgCluster),
        ["postgresql.cnpg.io/v1/Pooler"] = typeof(CnpgPooler),
        ["postgresql.cnpg.io/v1/ScheduledBackup"] = typeof(CnpgScheduledBackup),
    };

    // PgBouncer settings the operator lets a Pooler set (others are refused by its admission webhook).
    private static readonly HashSet<string> PgBouncerParameters =
    [
        "max_client_conn", "default_pool_size", "min_pool_size", "reserve_pool_size", "reserve_pool_timeout", "max_db_connections",
        "max_user_connections", "server_idle_timeout", "server_lifetime", "query_wait_timeout", "max_prepared_statements",
        "ignore_startup_parameters", "log_connections", "log_disconnections", "log_pooler_errors", "stats_period",
    ];

    public static void Validate(object o)
    {
        switch (o)
        {
            case CnpgCluster { Spec: var spec }:
                Assert.NotNull(spec);
                Assert.InRange(spec.Instances, 1, 99);
                Assert.Contains(spec.PrimaryUpdateStrategy ?? "unsupervised", new[] { "unsupervised", "supervised" });
                Assert.False(string.IsNullOrEmpty(spec.Storage?.Size), "Cluster.spec.storage.size is required");
                if (spec.Postgresql?.Synchronous is { } sync)
                {
                    Assert.Contains(sync.Method, new[] { "any", "first" });
                    Assert.InRange(sync.Number, 1, spec.Instances - 1);
                }

                Assert.All(spec.Managed?.Roles ?? [], r => Assert.Contains(r.Ensure ?? "present", new[] { "present", "absent" }));
                Assert.Contains(spec.Affinity?.PodAntiAffinityType ?? "preferred", new[] { "preferred", "required" });
                if (spec.Backup?.BarmanObjectStore is { } store)
                {
                    Assert.StartsWith("s3://", store.DestinationPath, StringComparison.Ordinal);
                    Assert.All(new[] { store.Wal?.Compression, store.Data?.Compression }.OfType<string>(),
                        c => Assert.Contains(c, new[] { "gzip", "bzip2", "snappy", "lz4", "xz", "zstd" }));
                }

                break;
            case CnpgPooler { Spec: var spec }:
                Assert.NotNull(spec);
                Assert.False(string.IsNullOrEmpty(spec.Cluster?.Name), "Pooler.spec.cluster.name is required");
                Assert.Contains(spec.Type, new[] { "rw", "ro", "r" });
                Assert.Contains(spec.Pgbouncer?.PoolMode, new[] { "session", "transaction" });
                Assert.All(spec.Pgbouncer!.Parameters.Keys, p => Assert.Contains(p, PgBouncerParameters));
                break;
            case CnpgScheduledBackup { Spec: var spec }:
                Assert.NotNull(spec);
                Assert.Equal(6, spec.Schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length); // seconds first
                Assert.Contains(spec.BackupOwnerReference ?? "none", new[] { "none", "self", "cluster" });
                Assert.Contains(spec.Method ?? "barmanObjectStore", new[] { "barmanObjectStore", "volumeSnapshot", "plugin" });
                Assert.False(string.IsNullOrEmpty(spec.Cluster?.Name), "ScheduledBackup.spec.cluster.name is required");
                break;
        }
    }
}
