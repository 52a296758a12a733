package dev.quarry.seed.education;

/**
 * Packs (year index, school index, grade) into one int, used as the key when counting enrollment:
 * {@code (yearIndex * 100 + schoolIndex) * 100 + grade}. All three parts must lie in [0, 100).
 */
final class EnrollmentKeys {

  private EnrollmentKeys() {}

  static int of(int yearIndex, int schoolIndex, int grade) {
    return (yearIndex * 100 + schoolIndex) * 100 + grade;
  }

  static int yearIndex(int key) {
    return key / 10_000;
  }

  static int schoolIndex(int key) {
    return key / 100 % 100;
  }

  static int grade(int key) {
    return key % 100;
  }
}
