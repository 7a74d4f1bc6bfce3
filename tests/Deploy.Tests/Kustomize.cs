using System.Text;
using YamlDotNet.RepresentationModel;

namespace PolicyApi.Deploy.Tests;

/// <summary>
/// Renders a kustomization as <c>kubectl kustomize</c> does, for the features <c>deploy/k8s</c> uses: <c>resources</c>
/// (files and kustomization folders), strategic-merge <c>patches</c> by <c>path</c> (maps merged, lists of named items
/// merged by name, other lists replaced), <c>namespace</c> and <c>images</c>. A kustomization using anything else fails
/// the render, so a feature this renderer does not know cannot pass unchecked. Kept here so that the manifests are
/// checked where no kustomize binary is installed; where kubectl is, a test holds the two renderings equal.
/// </summary>
internal static class Kustomize
{
    private static readonly HashSet<string> Supported = ["apiVersion", "kind", "resources", "patches", "namespace", "images"];

    public static List<YamlMappingNode> Render(string directory)
    {
        var kustomization = LoadAll(Path.Combine(directory, "kustomization.yaml")).Single();
        var unsupported = kustomization.Children.Keys.Select(Text).Where(k => !Supported.Contains(k)).ToList();
        if (unsupported.Count > 0)
        {
            throw new NotSupportedException($"{directory}/kustomization.yaml uses {string.Join(", ", unsupported)}, which this renderer does not apply.");
        }

        var objects = new List<YamlMappingNode>();
        foreach (var resource in Items(kustomization, "resources"))
        {
            var path = Path.GetFullPath(Path.Combine(directory, Text(resource)));
            objects.AddRange(Directory.Exists(path) ? Render(path) : LoadAll(path));
        }

        foreach (var patch in Items(kustomization, "patches").Cast<YamlMappingNode>())
        {
            if (patch.Children.Count != 1 || Child(patch, "path") is not { } patchPath)
            {
                throw new NotSupportedException("Only patches given by a path (a strategic-merge patch file) are supported.");
            }

            foreach (var document in LoadAll(Path.Combine(directory, Text(patchPath))))
            {
                var targets = objects.Where(o => Key(o) == Key(document)).ToList();
                Assert.True(targets.Count == 1, $"The patch {Text(patchPath)} names {Key(document)}, which the resources hold {targets.Count} times.");
                Merge(targets[0], document);
            }
        }

        if (Child(kustomization, "namespace") is { } ns)
        {
            foreach (var o in objects)
            {
                ((YamlMappingNode)o.Children["metadata"]).Children["namespace"] = new YamlScalarNode(Text(ns));
            }
        }

        foreach (var image in Items(kustomization, "images").Cast<YamlMappingNode>())
        {
            var name = Text(image.Children["name"]);
            var newName = Child(image, "newName") is { } n ? Text(n) : name;
            var tag = Child(image, "newTag") is { } t ? ":" + Text(t) : string.Empty;
            foreach (var container in objects.SelectMany(Containers))
            {
                if (Child(container, "image") is { } current && (Text(current) == name || Text(current).StartsWith(name + ":", StringComparison.Ordinal)))
                {
                    container.Children["image"] = new YamlScalarNode(newName + tag);
                }
            }
        }

        return objects;
    }

    /// <summary>kind/name, the identity a patch is applied by.</summary>
    public static string Key(YamlMappingNode o) => $"{Text(o.Children["kind"])}/{Text(((YamlMappingNode)o.Children["metadata"]).Children["name"])}";

    /// <summary>A form of a node that ignores key order and scalar quoting, for comparing renderings.</summary>
    public static string Canonical(YamlNode node) => node switch
    {
        YamlMappingNode map => "{" + string.Join(",", map.Children.Select(c => (Key: Text(c.Key), c.Value)).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key + ":" + Canonical(c.Value))) + "}",
        YamlSequenceNode seq => "[" + string.Join(",", seq.Children.Select(Canonical)) + "]",
        YamlScalarNode scalar => "'" + scalar.Value + "'",
        _ => throw new NotSupportedException(node.NodeType.ToString()),
    };

    /// <summary>The objects as one multi-document YAML text.</summary>
    public static string ToYaml(IEnumerable<YamlMappingNode> objects)
    {
        var stream = new YamlStream(objects.Select(o => new YamlDocument(o)));
        var text = new StringBuilder();
        using (var writer = new StringWriter(text))
        {
            stream.Save(writer, assignAnchors: false);
        }

        return text.ToString();
    }

    public static List<YamlMappingNode> LoadAll(string file) => Parse(File.ReadAllText(file));

    public static List<YamlMappingNode> Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return [.. stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>()];
    }

    public static string Text(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    public static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>Every container and init container of a workload's pod template (Deployment, Job …).</summary>
    public static IEnumerable<YamlMappingNode> Containers(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c =>
            Text(c.Key) is "containers" or "initContainers" && c.Value is YamlSequenceNode list
                ? list.Children.OfType<YamlMappingNode>()
                : Containers(c.Value)),
        YamlSequenceNode seq => seq.Children.SelectMany(Containers),
        _ => [],
    };

    private static IEnumerable<YamlNode> Items(YamlMappingNode map, string key) =>
        Child(map, key) is YamlSequenceNode seq ? seq.Children : [];

    /// <summary>Strategic merge: maps merge key by key; a list whose items all have a name merges item by name; anything else is replaced.</summary>
    private static void Merge(YamlMappingNode target, YamlMappingNode patch)
    {
        foreach (var (key, value) in patch.Children)
        {
            var existing = Child(target, Text(key));
            if (existing is YamlMappingNode targetMap && value is YamlMappingNode patchMap)
            {
                Merge(targetMap, patchMap);
            }
            else if (existing is YamlSequenceNode targetList && value is YamlSequenceNode patchList && Named(targetList) && Named(patchList))
            {
                foreach (var item in patchList.Children.Cast<YamlMappingNode>())
                {
                    var same = targetList.Children.Cast<YamlMappingNode>().FirstOrDefault(t => Text(t.Children["name"]) == Text(item.Children["name"]));
                    if (same is null)
                    {
                        targetList.Add(item);
                    }
                    else
                    {
                        Merge(same, item);
                    }
                }
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }

    private static bool Named(YamlSequenceNode list) =>
        list.Children.All(i => i is YamlMappingNode m && Child(m, "name") is YamlScalarNode);
}
