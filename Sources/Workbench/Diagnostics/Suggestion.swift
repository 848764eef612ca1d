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

    /// Edit distance over characters where swapping two neighbours counts as one edit (the
    /// commonest typo: `shwo` is one edit from `show`, two from `shot`).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // d[i][j]: distance between the first i characters of a and the first j of b.
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1), d[i - 1][j] + 1, d[i][j - 1] + 1)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
