using System.Collections.Immutable;
using System.Text;
using HotReloadCluster.Core.Documents;

namespace HotReloadCluster.Core.Substitution;

/// <summary>
/// Resolves <c>${NAME}</c> and <c>${NAME:-default}</c> references in the string values of a template
/// document. Templates are persisted and sent as written; resolution happens only in the process that
/// consumes the configuration, so resolved secrets never travel.
/// </summary>
/// <remarks>
/// <para>Syntax, scanned left to right:</para>
/// <list type="bullet">
/// <item><c>${NAME}</c> — the variable's value. A variable set to the empty string gives the empty string.</item>
/// <item><c>${NAME:-default}</c> — the variable's value, or <c>default</c> when the variable is unset <em>or
/// empty</em> (shell and docker-compose semantics). The default may be empty (<c>${X:-}</c>). It is literal
/// text that ends at the first <c>}</c>: it cannot contain <c>}</c> and is not itself scanned for references.</item>
/// <item><c>$${</c> — an escape: gives the literal text <c>${</c> and starts no reference, so <c>$${X}</c>
/// becomes <c>${X}</c>. A <c>$</c> not followed by <c>{</c> (or <c>${</c> after <c>$</c>) is plain text.</item>
/// <item>Names match <c>[A-Za-z_][A-Za-z0-9_.-]*</c> (POSIX names plus <c>.</c> and <c>-</c>, which
/// Kubernetes allows). Anything else between <c>${</c> and <c>}</c> is an error, as are <c>${}</c> and a
/// <c>${</c> without a closing <c>}</c>.</item>
/// </list>
/// <para>Rules:</para>
/// <list type="bullet">
/// <item>Only string scalar values are substituted; map keys and non-string scalars are left as they are.</item>
/// <item>Several references and surrounding text in one string work (<c>jdbc://${HOST}:${PORT:-5432}/db</c>)
/// and always give a string.</item>
/// <item>A string that is exactly one reference (<c>${DB_PORT:-5432}</c>) is re-typed like a YAML 1.2
/// core-schema plain scalar: <c>5432</c>, <c>0x1F</c>, <c>0o17</c> → Integer; <c>1.5</c>, <c>1e3</c>,
/// <c>.inf</c>, <c>.nan</c> → Float; <c>true</c>/<c>false</c> (also <c>True</c>, <c>TRUE</c>, …) → Boolean;
/// <c>null</c>, <c>Null</c>, <c>NULL</c>, <c>~</c> → Null. The empty text stays the empty String (not Null),
/// and an integer too large for 64 bits stays a String. The model does not record whether the template
/// string was quoted, so a quoted <c>"${PORT}"</c> is re-typed too.</item>
/// <item>No recursive expansion: a value (or default) that contains <c>${…}</c> is inserted literally, so a
/// variable's value can never pull in another variable.</item>
/// <item>All errors of a document are reported, not just the first.</item>
/// <item>Nodes without substitutions are reused by reference; a template without any <c>$</c> in its
/// strings resolves to the very same document instance.</item>
/// </list>
/// </remarks>
public static class VariableSubstitution
{
    /// <summary>Resolves every reference in <paramref name="template"/> against <paramref name="variables"/>.</summary>
    public static SubstitutionResult Resolve(ConfigDocument template, IVariableSource variables)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(variables);
        var context = new ResolveContext(variables);
        var root = ResolveNode(template.Root, ConfigPath.Root, context);
        if (context.Errors.Count > 0)
        {
            return SubstitutionResult.Failure(context.Errors.ToImmutable());
        }

        var resolved = ReferenceEquals(root, template.Root) ? template : new ConfigDocument(root, template.SourceName);
        return SubstitutionResult.Success(resolved, context.Substituted.ToImmutable());
    }

    /// <summary>
    /// Every well-formed reference in <paramref name="template"/>, in document order, one per occurrence.
    /// Malformed references are not listed (see <see cref="FindTemplatedPaths"/> and <see cref="Resolve"/>).
    /// </summary>
    public static ImmutableArray<VariableReference> FindReferences(ConfigDocument template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var references = ImmutableArray.CreateBuilder<VariableReference>();
        VisitStrings(template.Root, ConfigPath.Root, (path, parts) =>
        {
            foreach (var part in parts)
            {
                if (part is TemplatePart.Reference reference)
                {
                    references.Add(new VariableReference(reference.Name, reference.DefaultValue, path));
                }
            }

            return true;
        });
        return references.ToImmutable();
    }

    /// <summary>
    /// The paths of every string scalar that contains a reference, well-formed or malformed (escapes alone do
    /// not count). These are the values to redact, known before anything is resolved.
    /// </summary>
    public static ImmutableHashSet<ConfigPath> FindTemplatedPaths(ConfigDocument template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var paths = ImmutableHashSet.CreateBuilder<ConfigPath>();
        VisitStrings(template.Root, ConfigPath.Root, (path, parts) =>
        {
            if (ContainsReference(parts))
            {
                paths.Add(path);
            }

            return true;
        });
        return paths.ToImmutable();
    }

    /// <summary>
    /// Whether any string scalar of <paramref name="template"/> contains a reference, well-formed or
    /// malformed; <see langword="false"/> means <see cref="Resolve"/> has nothing to look up.
    /// </summary>
    public static bool HasReferences(ConfigDocument template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var found = false;
        VisitStrings(template.Root, ConfigPath.Root, (_, parts) =>
        {
            found = ContainsReference(parts);
            return !found;
        });
        return found;
    }

    private static bool ContainsReference(ImmutableArray<TemplatePart> parts) =>
        parts.Any(p => p is TemplatePart.Reference or TemplatePart.Malformed);

    /// <summary>Calls <paramref name="visit"/> for each string scalar that may hold a template; stops when it returns false.</summary>
    private static bool VisitStrings(ConfigNode node, ConfigPath path, Func<ConfigPath, ImmutableArray<TemplatePart>, bool> visit)
    {
        switch (node)
        {
            case ConfigMap map:
                foreach (var (key, value) in map.Entries)
                {
                    if (!VisitStrings(value, path.Key(key), visit))
                    {
                        return false;
                    }
                }

                return true;
            case ConfigSequence sequence:
                for (var i = 0; i < sequence.Count; i++)
                {
                    if (!VisitStrings(sequence[i], path.Index(i), visit))
                    {
                        return false;
                    }
                }

                return true;
            case ConfigScalar { Kind: ScalarKind.String } scalar when TemplateScanner.MayContainTemplate(scalar.Text):
                return visit(path, TemplateScanner.Scan(scalar.Text));
            default:
                return true;
        }
    }

    private static ConfigNode ResolveNode(ConfigNode node, ConfigPath path, ResolveContext context)
    {
        switch (node)
        {
            case ConfigMap map:
                KeyValuePair<string, ConfigNode>[]? entries = null;
                for (var i = 0; i < map.Count; i++)
                {
                    var (key, value) = map.Entries[i];
                    var resolved = ResolveNode(value, path.Key(key), context);
                    if (!ReferenceEquals(resolved, value))
                    {
                        entries ??= [.. map.Entries];
                        entries[i] = new KeyValuePair<string, ConfigNode>(key, resolved);
                    }
                }

                return entries is null ? map : ConfigMap.Create(entries);
            case ConfigSequence sequence:
                ConfigNode[]? items = null;
                for (var i = 0; i < sequence.Count; i++)
                {
                    var resolved = ResolveNode(sequence[i], path.Index(i), context);
                    if (!ReferenceEquals(resolved, sequence[i]))
                    {
                        items ??= [.. sequence.Items];
                        items[i] = resolved;
                    }
                }

                return items is null ? sequence : ConfigSequence.Create(items);
            case ConfigScalar { Kind: ScalarKind.String } scalar when TemplateScanner.MayContainTemplate(scalar.Text):
                return ResolveString(scalar, path, context);
            default:
                return node;
        }
    }

    private static ConfigScalar ResolveString(ConfigScalar scalar, ConfigPath path, ResolveContext context)
    {
        var parts = TemplateScanner.Scan(scalar.Text);
        var text = new StringBuilder();
        var substituted = false;
        var failed = false;
        foreach (var part in parts)
        {
            switch (part)
            {
                case TemplatePart.Literal literal:
                    text.Append(literal.Text);
                    break;
                case TemplatePart.Reference reference:
                    if (TryResolve(reference, context.Variables, out var value))
                    {
                        text.Append(value);
                        substituted = true;
                    }
                    else
                    {
                        context.Errors.Add(new SubstitutionError(
                            path,
                            reference.Name,
                            $"variable '{reference.Name}' is not set and has no default (at {DisplayPath(path)})"));
                        failed = true;
                    }

                    break;
                case TemplatePart.Malformed malformed:
                    context.Errors.Add(new SubstitutionError(path, malformed.Name, $"{malformed.Problem} (at {DisplayPath(path)})"));
                    failed = true;
                    break;
            }
        }

        if (failed)
        {
            return scalar;
        }

        if (substituted)
        {
            context.Substituted.Add(path);
        }

        var result = text.ToString();
        if (parts is [TemplatePart.Reference])
        {
            return PlainScalarTyping.Type(result);
        }

        return string.Equals(result, scalar.Text, StringComparison.Ordinal) ? scalar : ConfigScalar.FromString(result);
    }

    private static bool TryResolve(TemplatePart.Reference reference, IVariableSource variables, out string value)
    {
        var found = variables.TryGetValue(reference.Name, out var variable);
        if (found && (variable!.Length > 0 || reference.DefaultValue is null))
        {
            value = variable;
            return true;
        }

        if (reference.DefaultValue is not null)
        {
            value = reference.DefaultValue;
            return true;
        }

        value = string.Empty;
        return false;
    }

    private static string DisplayPath(ConfigPath path) => path.IsRoot ? "<root>" : path.ToString();

    private sealed class ResolveContext(IVariableSource variables)
    {
        public IVariableSource Variables { get; } = variables;

        public ImmutableArray<SubstitutionError>.Builder Errors { get; } = ImmutableArray.CreateBuilder<SubstitutionError>();

        public ImmutableHashSet<ConfigPath>.Builder Substituted { get; } = ImmutableHashSet.CreateBuilder<ConfigPath>();
    }
}
