using System.Text;

namespace PolicyApi.Domain.Importing;

/// <summary>
/// Text cleaned of PDF-extraction artefacts that still knows, character by character, where it came from
/// in the submitted text. Spaces next to Chinese characters or full-width punctuation are layout, not
/// words ("2020 年 7 月", "推进产 业协同"), and are dropped; a space between two Latin letters or digits
/// is kept as one space.
/// </summary>
internal sealed class Fragment
{
    private readonly StringBuilder _text = new();
    private readonly List<int> _offsets = [];

    public string Text => _text.ToString();

    public int Length => _text.Length;

    public int OffsetAt(int index) => _offsets[index];

    public static Fragment Clean(string source, int start, int length)
    {
        var fragment = new Fragment();
        fragment.AppendClean(source, start, length);
        return fragment;
    }

    public void AppendClean(string source, int start, int length)
    {
        var end = start + length;
        var i = start;
        while (i < end)
        {
            var c = source[i];
            if (IsSpace(c))
            {
                var runEnd = i;
                while (runEnd < end && IsSpace(source[runEnd]))
                {
                    runEnd++;
                }

                var before = _text.Length > 0 ? _text[^1] : '\0';
                var after = runEnd < end ? source[runEnd] : '\0';
                if (IsLatin(before) && IsLatin(after))
                {
                    Add(' ', i);
                }

                i = runEnd;
                continue;
            }

            Add(c, i);
            i++;
        }
    }

    public void Append(Fragment other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Length > 0 && other.Length > 0 && IsLatin(_text[^1]) && IsLatin(other._text[0]))
        {
            Add(' ', other._offsets[0]);
        }

        for (var i = 0; i < other.Length; i++)
        {
            Add(other._text[i], other._offsets[i]);
        }
    }

    public Fragment Slice(int start, int length)
    {
        var slice = new Fragment();
        for (var i = start; i < start + length; i++)
        {
            slice.Add(_text[i], _offsets[i]);
        }

        return slice;
    }

    /// <summary>The characters that came from offsets [from, to) of the submitted text: one cell of a line, say.</summary>
    public Fragment Within(int from, int to)
    {
        var part = new Fragment();
        for (var i = 0; i < Length; i++)
        {
            if (_offsets[i] >= from && _offsets[i] < to)
            {
                part.Add(_text[i], _offsets[i]);
            }
        }

        return part;
    }

    /// <summary>The span in the submitted text covered by characters [start, start+length) of this fragment.</summary>
    public SourceSpan SpanOf(int start, int length, LineIndex lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (Length == 0)
        {
            return new SourceSpan(0, 0, 1);
        }

        start = Math.Clamp(start, 0, Length - 1);
        var last = Math.Clamp(start + Math.Max(length, 1) - 1, start, Length - 1);
        var from = _offsets[start];
        var to = _offsets[last] + 1;
        return new SourceSpan(from, to - from, lines.LineOf(from));
    }

    public SourceSpan Span(LineIndex lines) => SpanOf(0, Length, lines);

    private void Add(char c, int offset)
    {
        _text.Append(c);
        _offsets.Add(offset);
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\u3000' or '\u00A0' or '\u2002' or '\u2003' or '\u2009' or '\u200B';

    private static bool IsLatin(char c) => c < 128 && char.IsLetterOrDigit(c);
}

/// <summary>Maps offsets of the submitted text to 1-based line numbers.</summary>
internal sealed class LineIndex
{
    private readonly List<int> _starts = [0];

    public LineIndex(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _starts.Add(i + 1);
            }
        }
    }

    public int LineOf(int offset)
    {
        var index = _starts.BinarySearch(offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}

/// <summary>One line of the submitted text: where it starts, its raw characters and its cleaned form.</summary>
internal sealed record SourceLine(int Number, int Start, string Raw, Fragment Clean)
{
    public string Text => Clean.Text;

    public bool IsTableRow => Raw.Contains('\t', StringComparison.Ordinal);
}
