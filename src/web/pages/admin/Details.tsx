import { Descriptions, theme, type DescriptionsProps } from 'antd';

/**
 * antd's Descriptions with labels in the secondary text colour: its default label grey (the
 * tertiary colour, #8c8c8c) fails WCAG AA contrast on white (3.4:1).
 */
export function Details(props: Omit<DescriptionsProps, 'styles'>) {
  const { token } = theme.useToken();
  return (
    <Descriptions
      column={{ xs: 1, md: 2 }}
      size="small"
      {...props}
      styles={{ label: { color: token.colorTextSecondary } }}
    />
  );
}

Details.Item = Descriptions.Item;
