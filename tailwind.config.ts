import type { Config } from 'tailwindcss';

export default {
  content: ['./app/**/*.{ts,tsx}'],
  theme: {
    extend: {
      colors: {
        // Primary actions and links: a deep civic blue with AA contrast on white.
        brand: {
          50: '#eef4ff',
          100: '#dbe6fe',
          200: '#bfd3fe',
          500: '#3b6fd8',
          600: '#2452b8',
          700: '#1d4196',
          800: '#1c377a',
          900: '#1b2f63',
        },
        // The "golden idea" accent; used on dark text or as a fill, never as text on white.
        gold: {
          50: '#fffaeb',
          100: '#fff1c6',
          300: '#fdd55a',
          400: '#f5b82e',
          500: '#e09b12',
          700: '#8f5a0b',
          800: '#744810',
        },
      },
      fontFamily: {
        sans: [
          'system-ui',
          '-apple-system',
          '"PingFang SC"',
          '"Hiragino Sans GB"',
          '"Microsoft YaHei"',
          '"Noto Sans CJK SC"',
          '"Source Han Sans SC"',
          'sans-serif',
        ],
      },
      maxWidth: {
        page: '72rem',
      },
    },
  },
  plugins: [],
} satisfies Config;
