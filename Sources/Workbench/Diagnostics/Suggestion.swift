/// "Did you mean …?": the nearest known name by edit distance.
///
///     Suggestion.nearest(to: "hiden", in: ["hidden", "seed"])   // "hidden"
///     Suggestion.nearest(to: "xyz", in: ["hidden", "seed"])     // nil: nothing is close
///
/// A candidate counts when it is at most a third of the word's length away (and at least one
/// edit), or when one name is a prefix of the other; ties go to the earlier candidate, so
/// declaration order decides.
public enum Suggestion {
    public static func nearest(to word: String, in candidates: [String]) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let limit = max(1, (word.count + 2) / 3)
        if best.distance <= limit { return best.name }
        return candidates.first { $0.hasPrefix(word) && word.count >= 2 }
    }

    /// Levenshtein distance over characters.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
