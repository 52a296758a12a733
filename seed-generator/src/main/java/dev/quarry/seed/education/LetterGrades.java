package dev.quarry.seed.education;

/**
 * The usual US grading scale: A &ge; 90, B &ge; 80, C &ge; 70, D &ge; 60, else F, and 4.0-scale grade
 * points A=4, B=3, C=2, D=1, F=0 (as specified for the education seed data).
 */
public final class LetterGrades {

  private LetterGrades() {}

  /** Returns the letter for a numeric grade in [0, 100]. */
  public static String letter(double numeric) {
    if (numeric >= 90) {
      return "A";
    }
    if (numeric >= 80) {
      return "B";
    }
    if (numeric >= 70) {
      return "C";
    }
    if (numeric >= 60) {
      return "D";
    }
    return "F";
  }

  /**
   * Returns the grade points of a letter.
   *
   * @throws IllegalArgumentException for anything but A, B, C, D, F
   */
  public static double points(String letter) {
    return switch (letter) {
      case "A" -> 4.0;
      case "B" -> 3.0;
      case "C" -> 2.0;
      case "D" -> 1.0;
      case "F" -> 0.0;
      default -> throw new IllegalArgumentException("Not a letter grade: " + letter);
    };
  }
}
