# lang: sorted and list.sort with key and reverse; sorting is stable
people = [("bob", 25), ("alice", 30), ("carol", 25), ("dave", 20)]
print(sorted(people))
print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: p[1], reverse=True))
words = ["banana", "Apple", "cherry", "apple"]
print(sorted(words), sorted(words, key=str.lower))
nums = [5, -3, 2, -8]
nums.sort(key=abs)
print(nums)
print(sorted("hello"), sorted({3: "c", 1: "a"}), min(people, key=lambda p: p[1]))
