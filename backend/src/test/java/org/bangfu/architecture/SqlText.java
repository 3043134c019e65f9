package org.bangfu.architecture;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds SQL in compiled classes: every string constant in a class file's constant pool (string
 * literals, compile-time concatenations of constants and the recipes of runtime concatenations)
 * that starts with a SQL statement's keyword.
 */
final class SqlText {

  /**
   * A statement, in any case: SELECT …, INSERT INTO …, UPDATE … SET, DELETE FROM …, WITH x AS (.
   */
  private static final Pattern SQL =
      Pattern.compile(
          "^\\s*(select\\s.+|insert\\s+into\\s.+|update\\s+\\S+.*\\sset\\s.+|delete\\s+from\\s.+"
              + "|with\\s+(recursive\\s+)?\\w+\\s*(\\([^)]*\\))?\\s*as\\s*(not\\s+)?(materialized\\s*)?\\(.+)",
          Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

  /** A row lock (FOR UPDATE, FOR NO KEY UPDATE, FOR SHARE, FOR KEY SHARE). */
  private static final Pattern LOCK =
      Pattern.compile(
          "\\bfor\\s+(no\\s+key\\s+update|update|share|key\\s+share)\\b", Pattern.CASE_INSENSITIVE);

  /** The tables money is counted in. */
  private static final Pattern MONEY_TABLE =
      Pattern.compile(
          "\\b(from|join)\\s+(needs|pledges|allocations|village_caps|fund_programmes|fund_projects"
              + "|fund_project_sources|fund_disbursements)\\b",
          Pattern.CASE_INSENSITIVE);

  private SqlText() {}

  /** The condition "holds no SQL text". */
  static ArchCondition<JavaClass> holdNoSql() {
    return new ArchCondition<>("hold no SQL text") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (String s : sqlIn(c)) {
          events.add(
              SimpleConditionEvent.violated(c, c.getName() + " holds SQL: \"" + shown(s) + "\""));
        }
      }
    };
  }

  /** The condition "locks no need, pledge, allocation, village cap or fund row". */
  static ArchCondition<JavaClass> lockNoMoneyRows() {
    return new ArchCondition<>("lock no money rows") {
      @Override
      public void check(JavaClass c, ConditionEvents events) {
        for (String s : sqlIn(c)) {
          if (LOCK.matcher(s).find() && MONEY_TABLE.matcher(s).find()) {
            events.add(
                SimpleConditionEvent.violated(
                    c, c.getName() + " locks money rows: \"" + shown(s) + "\""));
          }
        }
      }
    };
  }

  private static String shown(String sql) {
    String s = sql.strip().replaceAll("\\s+", " ");
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }

  static List<String> sqlIn(JavaClass c) {
    return stringConstants(bytes(c)).stream().filter(s -> SQL.matcher(s).matches()).toList();
  }

  private static byte[] bytes(JavaClass c) {
    var source =
        c.getSource()
            .orElseThrow(() -> new IllegalStateException("no class file for " + c.getName()));
    try (InputStream in = source.getUri().toURL().openStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The {@code CONSTANT_String} entries of a class file (JVMS 4.4). */
  static List<String> stringConstants(byte[] classFile) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
      in.skipBytes(8); // magic, minor and major version
      int count = in.readUnsignedShort();
      String[] utf8 = new String[count];
      List<Integer> strings = new ArrayList<>();
      for (int i = 1; i < count; i++) {
        int tag = in.readUnsignedByte();
        switch (tag) {
          case 1 -> utf8[i] = in.readUTF(); // CONSTANT_Utf8: the same modified UTF-8 as DataInput
          case 8 -> strings.add(in.readUnsignedShort()); // CONSTANT_String
          case 7, 16, 19, 20 -> in.skipBytes(2); // Class, MethodType, Module, Package
          case 15 -> in.skipBytes(3); // MethodHandle
          case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
          case 5, 6 -> {
            in.skipBytes(8); // Long and Double take two entries
            i++;
          }
          default -> throw new IllegalStateException("unknown constant pool tag " + tag);
        }
      }
      return strings.stream().map(i -> utf8[i]).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
