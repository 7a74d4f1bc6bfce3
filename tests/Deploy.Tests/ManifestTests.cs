using System.Diagnostics;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;

namespace PolicyApi.Deploy.Tests;

/// <summary>
/// The Kubernetes manifests of deploy/k8s, rendered per overlay, loaded strictly against the Kubernetes and CloudNativePG
/// schemas, and held to the deployment's rules: probes, limits, non-root, read-only, pinned images, no secret values.
/// </summary>
public sealed partial class ManifestTests
{
    public static readonly TheoryData<string> Overlays = new() { "dev", "production" };

    private static string K8s => Path.Combine(AppContext.BaseDirectory, "k8s");

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_EveryObject_LoadsStrictlyAgainstItsSchema(string overlay)
    {
        var objects = Rendered(overlay);

        Assert.Equal(
            ["ConfigMap/policyapi-config", "Deployment/policyapi", "HorizontalPodAutoscaler/policyapi", "Ingress/policyapi", "Job/policyapi-migrate",
             "NetworkPolicy/policyapi", "NetworkPolicy/policyapi-migrate", "PodDisruptionBudget/policyapi", "Service/policyapi", "ServiceAccount/policyapi",
             "Cluster/policyapi-db", "Pooler/policyapi-db-pooler-rw", "ScheduledBackup/policyapi-db-nightly"],
            objects.Select(o => $"{((IKubernetesObject)o).Kind}/{((IMetadata<V1ObjectMeta>)o).Metadata.Name}")
                .OrderBy(k => k.StartsWith("Cluster", StringComparison.Ordinal) || k.StartsWith("Pooler", StringComparison.Ordinal) || k.StartsWith("Scheduled", StringComparison.Ordinal))
                .ThenBy(k => k, StringComparer.Ordinal));
        Assert.All(objects, o => Assert.False(string.IsNullOrEmpty(((IMetadata<V1ObjectMeta>)o).Metadata.NamespaceProperty)));
        Assert.All(objects, CnpgSchema.Validate);
    }

    [Fact]
    public void StrictLoad_RefusesAMisspeltField()
    {
        var yaml = Kustomize.ToYaml(Kustomize.Parse("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: x
            spec:
              replica: 3
            """));

        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => KubernetesYaml.LoadAllFromString(yaml, CnpgSchema.Types, strict: true));
        var cluster = Kustomize.ToYaml(Kustomize.Parse("""
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata:
              name: x
            spec:
              instance: 3
            """));
        Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => KubernetesYaml.LoadAllFromString(cluster, CnpgSchema.Types, strict: true));
    }

    [Fact]
    public void Renderer_AppliesResourcesPatchesNamespaceAndImages_AsKustomizeDoes()
    {
        var root = Directory.CreateTempSubdirectory("kustomize-");
        try
        {
            Directory.CreateDirectory(Path.Combine(root.FullName, "base"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "overlay"));
            File.WriteAllText(Path.Combine(root.FullName, "base", "kustomization.yaml"), "resources:\n  - app.yaml\n");
            File.WriteAllText(Path.Combine(root.FullName, "base", "app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: api
                          image: app
                          env:
                            - name: A
                              value: "1"
                        - name: sidecar
                          image: other:2
                """);
            File.WriteAllText(Path.Combine(root.FullName, "overlay", "kustomization.yaml"),
                "namespace: prod\nresources:\n  - ../base\nimages:\n  - name: app\n    newName: r.example/app\n    newTag: \"1.2\"\npatches:\n  - path: p.yaml\n");
            File.WriteAllText(Path.Combine(root.FullName, "overlay", "p.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: api
                          env:
                            - name: B
                              value: "2"
                """);

            var rendered = Kustomize.Render(Path.Combine(root.FullName, "overlay")).Single();

            var deployment = KubernetesYaml.Deserialize<V1Deployment>(Kustomize.ToYaml([rendered]), strict: true);
            Assert.Equal("prod", deployment.Metadata.NamespaceProperty);
            Assert.Equal(1, deployment.Spec.Replicas);
            var api = deployment.Spec.Template.Spec.Containers[0];
            Assert.Equal("r.example/app:1.2", api.Image);
            Assert.Equal(["A", "B"], api.Env.Select(e => e.Name));
            Assert.Equal("other:2", deployment.Spec.Template.Spec.Containers[1].Image);
            File.WriteAllText(Path.Combine(root.FullName, "overlay", "kustomization.yaml"), "resources:\n  - ../base\nreplicas:\n  - name: app\n    count: 2\n");
            Assert.Throws<NotSupportedException>(() => Kustomize.Render(Path.Combine(root.FullName, "overlay")));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>Where kubectl is installed (its kustomize), our rendering is the same objects, field for field.</summary>
    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_RendersAsKubectlKustomizeDoes_WhereKubectlIsInstalled(string overlay)
    {
        if (Kubectl() is not { } kubectl)
        {
            return;
        }

        var start = new ProcessStartInfo(kubectl, ["kustomize", Path.Combine(K8s, "overlays", overlay)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, errors);

        var theirs = Kustomize.Parse(output).ToDictionary(Kustomize.Key, Kustomize.Canonical);
        var ours = Kustomize.Render(Path.Combine(K8s, "overlays", overlay)).ToDictionary(Kustomize.Key, Kustomize.Canonical);
        Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
        Assert.All(ours, o => Assert.Equal(theirs[o.Key], o.Value));
    }

    [Fact]
    public void Production_Api_RollsWithoutLosingCapacity_AndProbesItsHealth()
    {
        var objects = Rendered("production");
        var deployment = Single<V1Deployment>(objects);

        Assert.Equal(3, deployment.Spec.Replicas);
        Assert.Equal("RollingUpdate", deployment.Spec.Strategy.Type);
        Assert.Equal("0", deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value);
        var api = deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal("/health/ready", api.StartupProbe.HttpGet.Path);
        Assert.Equal("/health/ready", api.ReadinessProbe.HttpGet.Path);
        Assert.Equal("/health/live", api.LivenessProbe.HttpGet.Path);
        Assert.True(api.StartupProbe.PeriodSeconds * api.StartupProbe.FailureThreshold >= 120, "the startup probe waits long enough for the migrate Job");

        // preStop keeps the pod serving while it leaves the Service's endpoints; then the host's 30 s shutdown drains requests.
        var preStop = api.Lifecycle.PreStop.Sleep.Seconds;
        Assert.InRange(preStop, 5L, 30L);
        Assert.True(deployment.Spec.Template.Spec.TerminationGracePeriodSeconds >= preStop + 30);

        var hpa = Single<V2HorizontalPodAutoscaler>(objects);
        Assert.Equal(("Deployment", deployment.Metadata.Name), (hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.True(hpa.Spec.MinReplicas >= 3);
        Assert.True(hpa.Spec.MaxReplicas > hpa.Spec.MinReplicas);

        var labels = deployment.Spec.Template.Metadata.Labels;
        Assert.True(Selects(Single<V1PodDisruptionBudget>(objects).Spec.Selector.MatchLabels, labels));
        var service = Single<V1Service>(objects);
        Assert.True(Selects(service.Spec.Selector, labels));
        Assert.Contains(api.Ports, p => p.Name == service.Spec.Ports.Single().TargetPort.Value);
        var backend = Single<V1Ingress>(objects).Spec.Rules.Single().Http.Paths.Single().Backend.Service;
        Assert.Equal((service.Metadata.Name, service.Spec.Ports.Single().Name), (backend.Name, backend.Port.Name));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void EveryPod_RunsLockedDown_WithRequestsAndLimits_AndAPinnedImage(string overlay)
    {
        var objects = Rendered(overlay);
        var pods = objects.OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template.Spec))
            .Concat(objects.OfType<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template.Spec))).ToList();
        Assert.Equal(2, pods.Count);

        Assert.All(pods, pod =>
        {
            var (name, spec) = pod;
            Assert.False(spec.AutomountServiceAccountToken ?? true, $"{name} mounts a service-account token");
            Assert.True(spec.SecurityContext.RunAsNonRoot, $"{name} may run as root");
            Assert.Equal("RuntimeDefault", spec.SecurityContext.SeccompProfile.Type);
            Assert.All(spec.Containers.Concat(spec.InitContainers ?? []), c =>
            {
                Assert.False(c.SecurityContext.AllowPrivilegeEscalation ?? true);
                Assert.True(c.SecurityContext.ReadOnlyRootFilesystem, $"{name}/{c.Name} writes to its root file system");
                Assert.Equal(["ALL"], c.SecurityContext.Capabilities.Drop);
                Assert.Null(c.SecurityContext.Capabilities.Add);
                Assert.True(c.Resources.Requests.ContainsKey("cpu") && c.Resources.Requests.ContainsKey("memory"), $"{name}/{c.Name} requests");
                Assert.True(c.Resources.Limits.ContainsKey("memory"), $"{name}/{c.Name} has no memory limit");
                Assert.Matches(PinnedImage(), c.Image);
            });
        });
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_CommitsNoSecretValue_AndEveryReferenceResolves(string overlay)
    {
        var objects = Rendered(overlay);
        Assert.DoesNotContain(objects, o => o is V1Secret);
        var containers = objects.OfType<V1Deployment>().SelectMany(d => d.Spec.Template.Spec.Containers)
            .Concat(objects.OfType<V1Job>().SelectMany(j => j.Spec.Template.Spec.Containers));
        Assert.All(containers, c =>
        {
            var defined = new HashSet<string>();
            foreach (var env in c.Env)
            {
                if (SecretLike().IsMatch(env.Name))
                {
                    Assert.True(env.ValueFrom?.SecretKeyRef is not null, $"{c.Name}: {env.Name} is not read from a Secret");
                }

                if (env.Value is { } value)
                {
                    Assert.DoesNotMatch(InlinePassword(), value);
                    foreach (Match reference in EnvReference().Matches(value))
                    {
                        Assert.True(defined.Contains(reference.Groups[1].Value), $"{c.Name}: {env.Name} uses $({reference.Groups[1].Value}) before it is defined");
                    }
                }

                defined.Add(env.Name);
            }
        });
        var config = objects.OfType<V1ConfigMap>().Single();
        Assert.All(config.Data, kv => Assert.DoesNotMatch(SecretLike(), kv.Key));
    }

    [Fact]
    public void Production_Database_IsReplicatedArchivedAndPooled_AndEachClientConnectsWhereItShould()
    {
        var objects = Rendered("production");
        var cluster = Single<CnpgCluster>(objects).Spec!;
        Assert.Equal(3, cluster.Instances);
        Assert.True(cluster.Postgresql?.Synchronous?.Number >= 1, "no synchronous standby");
        var store = cluster.Backup?.BarmanObjectStore;
        Assert.NotNull(store);
        Assert.False(string.IsNullOrEmpty(store.S3Credentials?.AccessKeyId?.Name));
        Assert.False(string.IsNullOrEmpty(store.S3Credentials?.SecretAccessKey?.Name));
        Assert.Equal("policyapi_owner", cluster.Bootstrap?.Initdb?.Owner);
        Assert.Contains(cluster.Managed!.Roles, r => r is { Name: "policyapi_app", Login: true, PasswordSecret: not null });

        var clusterName = Single<CnpgCluster>(objects).Metadata.Name;
        Assert.Equal(clusterName, Single<CnpgScheduledBackup>(objects).Spec!.Cluster!.Name);
        var pooler = Single<CnpgPooler>(objects);
        Assert.Equal((clusterName, "rw", "transaction"), (pooler.Spec!.Cluster!.Name, pooler.Spec.Type, pooler.Spec.Pgbouncer!.PoolMode));

        var api = Single<V1Deployment>(objects).Spec.Template.Spec.Containers.Single();
        Assert.Equal(pooler.Metadata.Name, HostOf(api, "ConnectionStrings__Policy"));
        Assert.Equal(clusterName + "-ro", HostOf(api, "ConnectionStrings__PolicyReadOnly"));
        Assert.Equal(clusterName + "-rw", HostOf(api, "ConnectionStrings__PolicyListen")); // LISTEN bypasses transaction pooling
        var migrate = Single<V1Job>(objects).Spec.Template.Spec.Containers.Single();
        Assert.Equal(["migrate"], migrate.Args);
        Assert.Equal(clusterName + "-rw", HostOf(migrate, "ConnectionStrings__PolicyOwner"));
        Assert.Contains("Username=policyapi_owner", Env(migrate, "ConnectionStrings__PolicyOwner"), StringComparison.Ordinal);
        Assert.Contains("Username=policyapi_app", Env(api, "ConnectionStrings__Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public void Production_NetworkPolicy_AdmitsOnlyTheIngressController_AndLetsOutOnlyWhatTheApiCalls()
    {
        var objects = Rendered("production");
        var labels = Single<V1Deployment>(objects).Spec.Template.Metadata.Labels;
        var policy = objects.OfType<V1NetworkPolicy>().Single(p => Selects(p.Spec.PodSelector.MatchLabels, labels));
        Assert.Equal(["Ingress", "Egress"], policy.Spec.PolicyTypes);

        var from = policy.Spec.Ingress.Single().FromProperty.Single();
        Assert.Equal("ingress-nginx", from.NamespaceSelector.MatchLabels["kubernetes.io/metadata.name"]);
        Assert.Equal([8080], policy.Spec.Ingress.Single().Ports.Select(p => int.Parse(p.Port.Value, System.Globalization.CultureInfo.InvariantCulture)));

        var egress = policy.Spec.Egress;
        Assert.Equal(4, egress.Count);
        Assert.Contains(egress, e => Label(e, "app.kubernetes.io/name") == "otel-collector" && e.Ports.Single().Port.Value == "4317");
        Assert.Contains(egress, e => Label(e, "cnpg.io/cluster") == "policyapi-db" && e.Ports.Single().Port.Value == "5432");
        Assert.Contains(egress, e => Label(e, "k8s-app") == "kube-dns" && e.Ports.All(p => p.Port.Value == "53"));
        var https = egress.Single(e => e.To.Single().IpBlock is not null);
        Assert.Equal(["443"], https.Ports.Select(p => p.Port.Value));
        Assert.Contains("169.254.0.0/16", https.To.Single().IpBlock.Except);
        Assert.Contains("10.0.0.0/8", https.To.Single().IpBlock.Except);
    }

    private static List<object> Rendered(string overlay) =>
        KubernetesYaml.LoadAllFromString(Kustomize.ToYaml(Kustomize.Render(Path.Combine(K8s, "overlays", overlay))), CnpgSchema.Types, strict: true);

    private static string? Label(V1NetworkPolicyEgressRule rule, string key) =>
        rule.To.Single().PodSelector?.MatchLabels is { } labels && labels.TryGetValue(key, out var value) ? value : null;

    private static T Single<T>(IEnumerable<object> objects) => objects.OfType<T>().Single();

    private static bool Selects(IDictionary<string, string> selector, IDictionary<string, string> labels) =>
        selector.Count > 0 && selector.All(kv => labels.TryGetValue(kv.Key, out var v) && v == kv.Value);

    private static string Env(V1Container c, string name) => c.Env.Single(e => e.Name == name).Value;

    private static string HostOf(V1Container c, string name) => HostSetting().Match(Env(c, name)).Groups[1].Value;

    private static string? Kubectl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);

    [GeneratedRegex(@"^[a-z0-9.\-]+(:\d+)?(/[a-z0-9._\-]+)+:(?!latest$)[A-Za-z0-9._\-]+$")]
    private static partial Regex PinnedImage();

    [GeneratedRegex("(?i)(password|secret|signing|token|credential)")]
    private static partial Regex SecretLike();

    [GeneratedRegex(@"(?i)password\s*=\s*(?!\$\()")]
    private static partial Regex InlinePassword();

    [GeneratedRegex("(?:^|;)Host=([^;]+)")]
    private static partial Regex HostSetting();

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex EnvReference();
}
