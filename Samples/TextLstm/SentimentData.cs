using System;
using System.Collections.Generic;

namespace NetGen.Samples.TextLstm;

/// <summary>
/// A synthetic review corpus (no text data ships with NetGen): reviews of 8 to 60 tokens drawn from a vocabulary of
/// 1,000 ids where ids 1–20 are "positive" words, 21–40 "negative" ones and the rest neutral, and "not" (id 41)
/// flips the next sentiment word. A review is positive when its (flipped) positive words outnumber its negative ones.
/// Order matters through "not", which a bag of words cannot see and an LSTM can. Reviews are padded or cut to
/// <see cref="Length"/> tokens, at the start, as Keras's pad_sequences does by default.
/// </summary>
public static class SentimentData
{
    /// <summary>Token ids 0 (padding) … 999.</summary>
    public const int Vocabulary = 1000;

    /// <summary>Tokens per padded review.</summary>
    public const int Length = 40;

    private const int Not = 41;

    /// <summary>Draws <paramref name="count"/> reviews from <paramref name="seed"/>: the padded ids and the 0/1 labels.</summary>
    public static DataSet Make(int count, int seed)
    {
        var random = new Random(seed);
        var reviews = new List<IReadOnlyList<int>>(count);
        var labels = new float[count];
        while (reviews.Count < count)
        {
            int length = random.Next(8, 61), score = 0;
            var tokens = new int[length];
            bool negate = false;
            for (int t = 0; t < length; t++)
            {
                double u = random.NextDouble();
                int token = u < 0.12 ? 1 + random.Next(20) : u < 0.24 ? 21 + random.Next(20) : u < 0.30 ? Not : 42 + random.Next(Vocabulary - 42);
                tokens[t] = token;
                if (token is >= 1 and <= 40)
                {
                    int sign = token <= 20 ? 1 : -1;
                    // Only the last Length tokens are kept: count what the network can see.
                    if (t >= length - Length) score += negate ? -sign : sign;
                }
                negate = token == Not;
            }
            if (score == 0) continue; // ties are redrawn, as lstm.py's
            labels[reviews.Count] = score > 0 ? 1f : 0f;
            reviews.Add(tokens);
        }
        return new DataSet(Sequences.Pad(reviews, maxLength: Length), [Length], labels);
    }
}
